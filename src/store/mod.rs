//! PostgreSQL persistence: diesel-async queries and migrations, and [`embedded`], the private
//! cluster used when no `DATABASE_URL` is given.

pub mod embedded;
