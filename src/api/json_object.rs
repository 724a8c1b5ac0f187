//! Every JSON body this API takes is an object. serde's derived structs
//! also take the same fields as an array (`[null, true]` for `{role,
//! disabled}`), which no client means and the document does not allow:
//! such a body is refused with 422 `invalid_body` before any handler runs.
//! Only the first bytes are looked at; the body streams on untouched.

use super::error::ApiError;
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut};
use futures_util::{StreamExt, stream};

pub async fn require_object(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    if is_json(&req) {
        let mut payload = req.take_payload();
        let mut head = BytesMut::new();
        let mut failed = None;
        while first_byte(&head).is_none() {
            match payload.next().await {
                Some(Ok(chunk)) => head.extend_from_slice(&chunk),
                Some(Err(e)) => {
                    failed = Some(e);
                    break;
                }
                None => break,
            }
        }
        // The start of a JSON value other than an object; anything else is
        // left for the JSON extractor to call malformed.
        if first_byte(&head).is_some_and(|b| b"[\"-0123456789tfn".contains(&b)) {
            return Err(ApiError::validation(
                super::error_code::ErrorCode::InvalidBody,
                "the JSON body must be an object ({...})",
            )
            .into());
        }
        let head = stream::iter([Ok::<Bytes, _>(head.freeze())]);
        let rest = stream::iter(failed.map(Err)).chain(payload);
        req.set_payload(Payload::Stream {
            payload: Box::pin(head.chain(rest)),
        });
    }
    next.call(req).await
}

/// `application/json` or any `+json` type, as actix's JSON extractor reads.
fn is_json(req: &ServiceRequest) -> bool {
    let Some(value) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.split_once('/').is_some_and(|(_, subtype)| {
        let subtype = subtype.to_ascii_lowercase();
        subtype == "json" || subtype.ends_with("+json")
    })
}

fn first_byte(buf: &[u8]) -> Option<u8> {
    buf.iter().copied().find(|b| !b" \t\r\n".contains(b))
}
