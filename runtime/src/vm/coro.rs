//! Coroutines and continuations on heap frames.
//!
//! The running coroutine's frames and value stack are `Vm.frames` and
//! `Vm.stack`; every other coroutine keeps its own in its `CoroData`, and a
//! switch swaps the two vectors (a pointer swap, whatever the depth).
//!
//! A continuation freezes the running stacks into an immutable shared segment
//! (`Frozen`) in O(1): the vectors are moved, not copied. Execution goes on
//! above the segment; when the live frames run out, the next frame down is
//! thawed, that is copied out of the segment together with its slice of the
//! value stack. A segment is never written, so a continuation can be resumed
//! any number of times, each resumption thawing its own copies.
//!
//! This room holds the mechanics (switch, start, finish, freeze, thaw, the run
//! queue and timers); the Io-visible methods are in protos/coroutine.rs and
//! protos/continuation.rs. It must not evaluate Io code.

use super::frame::{Exec, Frame, Kind};
use super::Vm;
use crate::heap::Payload;
use crate::symbol::sym;
use crate::value::{ObjRef, Value};
use std::rc::Rc;

/// The lists the scheduler works on; Io code sees them as `Scheduler
/// yieldingCoros` and `Scheduler timers`, and replaces them with
/// `setYieldingCoros` / `setTimers`.
#[derive(Copy, Clone)]
pub struct Sched {
    pub queue: ObjRef,
    pub timers: ObjRef,
}

/// Where a coroutine is in its life.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Status {
    /// Not started: resuming it runs its runMessage.
    Fresh,
    Running,
    /// Stopped in a send (yield, pause, resume, run…) that answers `answer` when it goes on.
    Suspended,
    /// Its body ended; resuming it again starts it afresh.
    Finished,
}

/// A coroutine's state while it is not the running one.
pub struct CoroData {
    pub frames: Vec<Frame>,
    pub stack: Vec<Value>,
    pub under: Option<Under>,
    pub status: Status,
    /// What the send that suspended it answers when it goes on.
    pub answer: Value,
    /// Made by `try`: an exception ending it is the try's answer, not reported.
    pub catches: bool,
    /// When it last started running (the VM's switch count then).
    pub stamp: u64,
    /// A `recentInChain` set explicitly, and when.
    pub recent_set: Option<(Value, u64)>,
}

impl CoroData {
    pub fn new(status: Status) -> CoroData {
        CoroData {
            frames: Vec::new(),
            stack: Vec::new(),
            under: None,
            status,
            answer: Value::NIL,
            catches: false,
            stamp: 0,
            recent_set: None,
        }
    }

    pub fn roots(&self, out: &mut impl Extend<Value>) {
        out.extend([self.answer]);
        if let Some((v, _)) = self.recent_set {
            out.extend([v]);
        }
        out.extend(self.stack.iter().copied());
        for f in &self.frames {
            f.roots(out);
        }
        if let Some(u) = &self.under {
            u.roots(out);
        }
    }
}

/// Frames and value stack frozen by a continuation capture. Never mutated.
pub struct Frozen {
    pub frames: Vec<Frame>,
    pub stack: Vec<Value>,
    pub below: Option<Under>,
}

impl Drop for Frozen {
    /// Segments can be chained deep; free the chain without recursion.
    fn drop(&mut self) {
        let mut next = self.below.take();
        while let Some(u) = next {
            next = match Rc::try_unwrap(u.seg) {
                Ok(mut f) => f.below.take(),
                Err(_) => None,
            };
        }
    }
}

/// The frozen frames under the live ones: the first `len` frames of `seg`,
/// then whatever is below `seg`.
#[derive(Clone)]
pub struct Under {
    pub seg: Rc<Frozen>,
    pub len: usize,
    /// Frozen frames in all, this segment's and those below.
    pub depth: usize,
}

impl Under {
    pub fn roots(&self, out: &mut impl Extend<Value>) {
        let mut u = Some(self);
        while let Some(x) = u {
            let top = x
                .seg
                .frames
                .get(x.len)
                .map_or(x.seg.stack.len(), |f| f.base as usize);
            out.extend(x.seg.stack[..top.min(x.seg.stack.len())].iter().copied());
            for f in &x.seg.frames[..x.len] {
                f.roots(out);
            }
            u = x.seg.below.as_ref();
        }
    }

    /// The frozen frames, innermost first.
    pub fn frames(&self) -> impl Iterator<Item = &Frame> {
        let mut out: Vec<&Frame> = Vec::new();
        let mut u = Some(self);
        while let Some(x) = u {
            out.extend(x.seg.frames[..x.len].iter().rev());
            u = x.seg.below.as_ref();
        }
        out.into_iter()
    }
}

/// A continuation: the frozen state of a coroutine at a `callcc`, and the
/// resumable-exception handler stack it had then.
pub struct Captured {
    /// The coroutine it was captured in.
    pub coro: ObjRef,
    pub under: Option<Under>,
    pub handlers: Value,
    pub invoked: bool,
}

impl Captured {
    pub fn roots(&self, out: &mut impl Extend<Value>) {
        out.extend([self.handlers]);
        if let Some(u) = &self.under {
            u.roots(out);
        }
    }

    pub fn frame_count(&self) -> usize {
        self.under.as_ref().map_or(0, |u| u.depth)
    }
}

impl Vm {
    /// Frames of the running coroutine, live and frozen.
    #[inline]
    pub fn depth(&self) -> usize {
        self.frames.len() + self.under.as_ref().map_or(0, |u| u.depth)
    }

    /// Pop the top frame and drop its stack values; thaw the next one down if
    /// the live frames ran out.
    pub(crate) fn pop_frame(&mut self) -> Option<Frame> {
        let f = self.frames.pop()?;
        self.stack.truncate(f.base as usize);
        if self.frames.is_empty() && self.under.is_some() {
            self.thaw();
        }
        Some(f)
    }

    /// Copy the top frozen frame (and its stack slice) onto the empty live stacks.
    fn thaw(&mut self) {
        let Some(u) = self.under.take() else { return };
        debug_assert!(self.frames.is_empty());
        let i = u.len - 1;
        let top = u
            .seg
            .frames
            .get(u.len)
            .map_or(u.seg.stack.len(), |f| f.base as usize);
        let mut f = u.seg.frames[i].clone();
        let from = (f.base as usize).min(top);
        self.stack.clear();
        self.stack.extend_from_slice(&u.seg.stack[from..top]);
        f.base = 0;
        self.frames.push(f);
        self.under = if i == 0 {
            u.seg.below.clone()
        } else {
            Some(Under {
                seg: u.seg.clone(),
                len: i,
                depth: u.depth - 1,
            })
        };
    }

    /// Freeze the running stacks (O(1)) and answer the frozen state.
    pub(crate) fn freeze(&mut self) -> Option<Under> {
        if self.frames.is_empty() {
            return self.under.clone();
        }
        let frames = std::mem::take(&mut self.frames);
        let stack = std::mem::take(&mut self.stack);
        let len = frames.len();
        let below = self.under.take();
        let depth = len + below.as_ref().map_or(0, |u| u.depth);
        let u = Under {
            seg: Rc::new(Frozen {
                frames,
                stack,
                below,
            }),
            len,
            depth,
        };
        self.under = Some(u.clone());
        self.thaw();
        Some(u)
    }

    /// Replace the running stacks with a frozen state.
    pub(crate) fn restore(&mut self, under: Option<Under>) {
        self.frames.clear();
        self.stack.clear();
        self.under = under;
        self.thaw();
    }

    /// Go on from continuation `k`'s captured state: the running coroutine's
    /// stacks and handler stack become copies of the captured ones.
    pub(crate) fn invoke_continuation(&mut self, k: Value) -> Result<(), Value> {
        let (under, handlers, owner) = match self.heap.obj(k).map(|o| &o.payload) {
            Some(Payload::Continuation(c)) => (c.under.clone(), c.handlers, c.coro),
            _ => return Err(self.error("invoke: not a Continuation")),
        };
        // Captured in another coroutine that is still waiting: it goes on
        // from there (the invoking one stays suspended in `invoke`). Otherwise
        // the running coroutine takes the captured stacks over.
        if owner != self.current && self.coro_status(Value::obj(owner)) == Some(Status::Suspended) {
            self.switch_to(owner, Value::NIL)?;
        }
        if let Some(r) = k.as_obj() {
            if let Payload::Continuation(c) = &mut self.heap.get_mut(r).payload {
                c.invoked = true;
            }
        }
        // The handler stack gets the captured entries back, in the list the
        // coroutine has now (withHandler frames being thawed refer to it).
        let items = self.as_list(handlers).cloned();
        let cur = self.current;
        let list = self
            .heap
            .get(cur)
            .get_local(sym::handler_stack)
            .filter(|l| self.as_list(*l).is_some());
        match (items, list) {
            (Some(items), Some(l)) => {
                if let Some(r) = l.as_obj() {
                    if let Payload::List(v) = &mut self.heap.get_mut(r).payload {
                        *v = items;
                    }
                }
            }
            (Some(items), None) => {
                let l = self.new_list(items);
                self.heap.set_slot(cur, sym::handler_stack, l);
            }
            (None, Some(l)) => {
                if let Some(r) = l.as_obj() {
                    if let Payload::List(v) = &mut self.heap.get_mut(r).payload {
                        v.clear();
                    }
                }
            }
            (None, None) => {}
        }
        self.restore(under);
        Ok(())
    }

    // ---- coroutine objects ------------------------------------------------

    pub fn coro(&self, v: Value) -> Option<&CoroData> {
        match &self.heap.obj(v)?.payload {
            Payload::Coro(c) => Some(c),
            _ => None,
        }
    }

    pub(crate) fn coro_mut(&mut self, r: ObjRef) -> Option<&mut CoroData> {
        match &mut self.heap.get_mut(r).payload {
            Payload::Coro(c) => Some(c),
            _ => None,
        }
    }

    pub fn coro_status(&self, v: Value) -> Option<Status> {
        self.coro(v).map(|c| c.status)
    }

    /// Park the running coroutine's stacks in its object; its pending send
    /// will answer `answer`. Its status becomes Suspended unless it finished.
    /// (The vectors are swapped: each coroutine keeps the empty pair it gets.)
    fn park_current(&mut self, answer: Value) {
        if let Payload::Coro(c) = &mut self.heap.get_mut(self.current).payload {
            std::mem::swap(&mut self.frames, &mut c.frames);
            std::mem::swap(&mut self.stack, &mut c.stack);
            if self.under.is_some() {
                c.under = self.under.take();
            }
            c.answer = answer;
            if c.status == Status::Running {
                c.status = Status::Suspended;
            }
        }
        // (What comes back is the empty pair the coroutine held while it ran.)
        self.frames.clear();
        self.stack.clear();
    }

    /// What a coroutine needs to start: (target, locals, message), or why not.
    fn run_parts(&self, c: ObjRef) -> Result<(Value, Value, ObjRef), &'static str> {
        let cv = Value::obj(c);
        let m = self
            .get_slot(cv, sym::run_message)
            .and_then(|m| self.message_ref(m))
            .ok_or("Coroutine has no runMessage to run")?;
        let t = self.get_slot(cv, sym::run_target).unwrap_or(Value::NIL);
        let l = self.get_slot(cv, sym::run_locals).unwrap_or(Value::NIL);
        Ok((t, l, m))
    }

    /// Suspend the running coroutine (its pending send answering `answer`)
    /// and run `to`: go on where it stopped, or start it (as a child of the
    /// suspended one) if it is fresh or finished. Err: `to` cannot run, and
    /// nothing was switched.
    pub(crate) fn switch_to(&mut self, to: ObjRef, answer: Value) -> Result<Value, Value> {
        let from = self.current;
        if to == from {
            return Ok(answer);
        }
        let status = match &self.heap.get(to).payload {
            Payload::Coro(c) => c.status,
            _ => return Err(self.error("resume: not a Coroutine")),
        };
        let start = match status {
            Status::Fresh | Status::Finished => match self.run_parts(to) {
                Ok(parts) => Some(parts),
                Err(why) => return Err(self.error(why)),
            },
            _ => None,
        };
        self.park_current(answer);
        self.current = to;
        self.switches += 1;
        let stamp = self.switches;
        let resumed = match start {
            Some((target, locals, m)) => {
                self.heap
                    .set_slot(to, sym::parent_coroutine, Value::obj(from));
                self.start_body(to, target, locals, m);
                if let Some(c) = self.coro_mut(to) {
                    c.stamp = stamp;
                }
                None
            }
            None => match &mut self.heap.get_mut(to).payload {
                Payload::Coro(c) => {
                    std::mem::swap(&mut self.frames, &mut c.frames);
                    std::mem::swap(&mut self.stack, &mut c.stack);
                    if c.under.is_some() {
                        self.under = c.under.take();
                    }
                    c.status = Status::Running;
                    c.stamp = stamp;
                    Some(std::mem::replace(&mut c.answer, Value::NIL))
                }
                _ => None,
            },
        };
        // A freshly started body has nothing to be answered: the frame runs.
        Ok(resumed.unwrap_or(Value::NIL))
    }

    fn start_body(&mut self, c: ObjRef, target: Value, locals: Value, m: ObjRef) {
        if let Some(d) = self.coro_mut(c) {
            d.status = Status::Running;
            d.answer = Value::NIL;
        }
        self.heap.set_slot(c, sym::result, Value::NIL);
        self.heap.set_slot(c, sym::exception, Value::NIL);
        let code = self.code_for(m);
        self.frames.clear();
        self.stack.clear();
        self.under = None;
        self.frames.push(Frame {
            exec: Exec::Code { code, pc: 0 },
            kind: Kind::Top,
            r: Value::NIL,
            target,
            locals,
            base: 0,
            msg: Value::NIL,
            owner: Value::obj(m),
        });
    }

    /// The coroutine's parent, if it is a coroutine.
    pub fn parent_of(&self, c: ObjRef) -> Option<ObjRef> {
        let p = self.heap.get(c).get_local(sym::parent_coroutine)?;
        self.coro(p)?;
        p.as_obj()
    }

    /// `recentInChain`: the coroutine that started running most recently
    /// among `c` and those below it (those with `c` up their parent chain),
    /// unless `setRecentInChain` named one later. Worked out when asked, so
    /// a switch costs nothing for it.
    pub fn recent_in_chain(&self, c: ObjRef) -> Value {
        let Some(d) = self.coro(Value::obj(c)) else {
            return Value::NIL;
        };
        let mut best = (d.stamp, Value::obj(c));
        // Those below `c`: walk down the child links from it (each coroutine once).
        let mut children: crate::fxhash::FxHashMap<ObjRef, Vec<(ObjRef, u64)>> = Default::default();
        for (r, x) in self.heap.coroutines() {
            if let Some(p) = self.parent_of(r) {
                children.entry(p).or_default().push((r, x.stamp));
            }
        }
        let mut seen = crate::fxhash::FxHashSet::default();
        let mut work = vec![c];
        seen.insert(c);
        while let Some(x) = work.pop() {
            for &(k, stamp) in children.get(&x).map(|v| v.as_slice()).unwrap_or(&[]) {
                if seen.insert(k) {
                    if stamp > best.0 {
                        best = (stamp, Value::obj(k));
                    }
                    work.push(k);
                }
            }
        }
        let mut at = Some(c);
        for _ in 0..10_000 {
            let Some(x) = at else { break };
            if let Some((v, when)) = self.coro(Value::obj(x)).and_then(|d| d.recent_set) {
                if when > best.0 {
                    best = (when, v);
                }
            }
            at = self.parent_of(x).filter(|p| *p != x);
        }
        best.1
    }

    /// `setRecentInChain(v)`: make v the answer of `recentInChain` for `c` and
    /// every coroutine up its parent chain, until another one starts below.
    pub fn set_recent_in_chain(&mut self, c: ObjRef, v: Value) {
        self.switches += 1;
        let n = self.switches;
        let mut at = Some(c);
        for _ in 0..10_000 {
            let Some(x) = at else { break };
            if let Some(d) = self.coro_mut(x) {
                d.recent_set = Some((v, n));
            }
            at = self.parent_of(x).filter(|p| *p != x);
        }
    }

    /// The nearest coroutine up `c`'s parent chain that is waiting to go on.
    pub(crate) fn live_parent(&self, c: ObjRef) -> Option<ObjRef> {
        let mut at = c;
        for _ in 0..10_000 {
            let p = self.parent_of(at).filter(|p| *p != at)?;
            if self.coro_status(Value::obj(p)) == Some(Status::Suspended) {
                return Some(p);
            }
            at = p;
        }
        None
    }

    // ---- the run queue and timers -------------------------------------------

    /// The items of the Scheduler's run queue (`Scheduler yieldingCoros`).
    pub(crate) fn queue_mut(&mut self) -> Option<&mut Vec<Value>> {
        match &mut self.heap.get_mut(self.sched.queue).payload {
            Payload::List(l) => Some(l),
            _ => None,
        }
    }

    /// (deadline, coroutine) of a timer entry; one that is not
    /// list(deadline, coroutine) is due at once (and gets dropped).
    fn timer_entry(&self, e: Value) -> (f64, Value) {
        match self.as_list(e) {
            Some(pair) => (
                pair.first()
                    .and_then(|v| self.as_number(*v))
                    .unwrap_or(f64::NEG_INFINITY),
                pair.get(1).copied().unwrap_or(Value::NIL),
            ),
            None => (f64::NEG_INFINITY, Value::NIL),
        }
    }

    pub(crate) fn first_timer(&self) -> Option<(f64, Value)> {
        let first = *self.as_list(Value::obj(self.sched.timers))?.first()?;
        Some(self.timer_entry(first))
    }

    fn drop_first_timer(&mut self) {
        if let Payload::List(l) = &mut self.heap.get_mut(self.sched.timers).payload {
            if !l.is_empty() {
                l.remove(0);
            }
        }
    }

    #[inline]
    fn timers_pending(&self) -> bool {
        matches!(&self.heap.get(self.sched.timers).payload, Payload::List(l) if !l.is_empty())
    }

    /// Move coroutines whose deadlines have passed onto the run queue, in deadline order.
    #[inline]
    pub(crate) fn wake_expired_timers(&mut self) {
        if self.timers_pending() {
            self.wake_timers_now();
        }
    }

    fn wake_timers_now(&mut self) {
        let now = self.host.now();
        // The due entries are the first ones (the list is sorted; junk counts
        // as due): take them off in one go.
        let due: Vec<Value> = {
            let entries = match &self.heap.get(self.sched.timers).payload {
                Payload::List(l) => l,
                _ => return,
            };
            let mut due = Vec::new();
            for e in entries {
                let (when, coro) = self.timer_entry(*e);
                if when > now {
                    break;
                }
                due.push(coro);
            }
            due
        };
        if let Payload::List(l) = &mut self.heap.get_mut(self.sched.timers).payload {
            l.drain(..due.len().min(l.len()));
        }
        for coro in due {
            if self.coro(coro).is_none() {
                continue;
            }
            if let Some(q) = self.queue_mut() {
                if !q.contains(&coro) {
                    q.push(coro);
                }
            }
        }
    }

    /// Sleep until the nearest timer's deadline, then wake the expired timers.
    pub(crate) fn idle_until_next_timer(&mut self) {
        if let Some((when, _)) = self.first_timer() {
            if !when.is_finite() && when > 0.0 {
                // A timer that never fires cannot be waited for.
                self.drop_first_timer();
                return;
            }
            let wait = when - self.host.now();
            if wait > 0.0 {
                self.host.sleep(wait);
            }
        }
        self.wake_expired_timers();
    }

    /// Take the next coroutine to run off the queue, idling on timers when
    /// nothing is runnable. Finished entries are dropped. None: nothing is left.
    pub(crate) fn next_runnable(&mut self) -> Option<ObjRef> {
        loop {
            self.wake_expired_timers();
            let found = self.first_runnable_in_queue();
            let q = self.queue_mut()?;
            match found {
                Some(i) => {
                    let next = q[i];
                    q.drain(..=i);
                    return next.as_obj();
                }
                // Only stale entries, if any: drop them.
                None => q.clear(),
            }
            if !self.timers_pending() {
                return None;
            }
            self.idle_until_next_timer();
        }
    }

    /// Index of the first queue entry that is a coroutine able to run
    /// (stale entries before it are dropped by the caller along with it).
    pub(crate) fn first_runnable_in_queue(&self) -> Option<usize> {
        let q = match &self.heap.get(self.sched.queue).payload {
            Payload::List(l) => l,
            _ => return None,
        };
        q.iter()
            .position(|c| matches!(self.coro_status(*c), Some(s) if s != Status::Finished))
    }
}
