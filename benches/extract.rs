//! Extraction throughput on synthetic news prose (the project's own text;
//! PolNeAR is measured by the CLI run recorded in BENCHMARKS.md).

use claimdesk::extract::{extract, html_to_text};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const ARTICLE: &str = "Council Votes To Close Plant\n\n\
By Jane Roe\n\n\
The city council voted 6-1 on Tuesday to close the Riverside plant by 2027, \
officials said, ending a dispute that began in Jan. 2019.\n\n\
“We cannot keep paying for a plant that loses $4 million a year,” said Maria Lopez, \
the council's budget director. “The numbers are clear.”\n\n\
Mayor Tom Hale said the decision was painful but necessary, and warned that 120 jobs \
could be lost. According to the U.S. Labor Department, unemployment in the county rose \
to 5.2 percent last year.\n\n\
Critics accused the council of ignoring workers and argued that a sale would save jobs. \
“This is a betrayal,” union leader Ann Park told reporters at 7 p.m. on Tuesday. \
She added, “We will fight it in court.”\n\n\
The plant opened in 1961 and once employed 900 people. Its closure follows a 2023 \
report that found the site had failed three safety inspections.\n\n\
Share this\n\nMore articles\n\n";

fn bench(c: &mut Criterion) {
    let text = ARTICLE.repeat(20);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("news_prose_20_articles", |b| {
        b.iter(|| extract(black_box(&text)))
    });
    let html = format!(
        "<html><body><nav>Home</nav><article>{}</article></body></html>",
        text.split("\n\n")
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html_to_text", |b| {
        b.iter(|| html_to_text(black_box(&html)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
