//! What the benchmark binaries share: the one suspension point that their
//! coroutines (async functions) are built on.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Suspends an async function once: pending on the first poll, ready on the next.
pub struct Suspend(pub bool);

impl Future for Suspend {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}
