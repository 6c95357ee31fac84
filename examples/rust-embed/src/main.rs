//! A small pricing rules engine: orders are Rust values, the rules are Io.
//!
//! The built-in rules are written with `io!` (parsed when this program
//! compiles); a shop owner's overrides arrive as text at run time and run
//! under a fuel budget and a heap limit, so a rule that loops forever is
//! stopped and reported while the engine goes on with the rules it had.

use io_macros::io;
use io_runtime::embed::{Error, Io, ToIo};
use io_runtime::{Value, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

struct Item {
    sku: &'static str,
    qty: u32,
    price: f64,
}

struct Order {
    id: u32,
    customer: &'static str,
    country: &'static str,
    items: Vec<Item>,
}

impl ToIo for Item {
    fn to_io(&self, vm: &mut Vm) -> Value {
        let sku = self.sku.to_io(vm);
        vm.object_with(&[
            ("sku", sku),
            ("qty", Value::num(self.qty as f64)),
            ("price", Value::num(self.price)),
        ])
    }
}

impl ToIo for Order {
    fn to_io(&self, vm: &mut Vm) -> Value {
        let customer = self.customer.to_io(vm);
        let country = self.country.to_io(vm);
        let items = self.items.to_io(vm);
        vm.object_with(&[
            ("id", Value::num(self.id as f64)),
            ("customer", customer),
            ("country", country),
            ("items", items),
        ])
    }
}

fn orders() -> Vec<Order> {
    vec![
        Order {
            id: 1,
            customer: "Ada",
            country: "NL",
            items: vec![
                Item {
                    sku: "tea",
                    qty: 2,
                    price: 4.5,
                },
                Item {
                    sku: "pot",
                    qty: 1,
                    price: 32.0,
                },
            ],
        },
        Order {
            id: 2,
            customer: "Grace",
            country: "US",
            items: vec![
                Item {
                    sku: "kettle",
                    qty: 3,
                    price: 180.0,
                },
                Item {
                    sku: "tea",
                    qty: 10,
                    price: 4.5,
                },
                Item {
                    sku: "cups",
                    qty: 6,
                    price: 7.25,
                },
            ],
        },
        Order {
            id: 3,
            customer: "Edsger",
            country: "JP",
            items: vec![Item {
                sku: "tea",
                qty: 1,
                price: 4.5,
            }],
        },
    ]
}

/// Price every order with the rules the VM holds now.
fn price_all(io: &mut Io) -> Result<(), Error> {
    for order in orders() {
        let total: f64 = io.call_global("price", &(&order,))?;
        println!("  order {} ({}): {:.2}", order.id, order.customer, total);
    }
    Ok(())
}

fn main() -> Result<(), Error> {
    let mut io = Io::new();

    // Rust data the rules may consult, as a Rust closure called from Io.
    let shipping_zones: HashMap<&str, f64> = [("NL", 0.0), ("US", 12.0), ("JP", 15.0)].into();
    io.register(
        "shippingTo",
        move |country: String| -> Result<f64, String> {
            shipping_zones
                .get(country.as_str())
                .copied()
                .ok_or_else(|| format!("no shipping zone for {country}"))
        },
    );
    // What the rules note, collected on the Rust side.
    let notes = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = notes.clone();
    io.register("note", move |text: String| sink.borrow_mut().push(text));

    // The built-in rules, compiled with this program. `$vip` is a Rust value.
    let vip = 500.0;
    io.eval::<()>(&io! {
        // A line's price after a percentage off: compiled to Rust as well.
        lineTotal := method(qty, unit, off, qty * unit * (1 - off / 100))

        subtotal := method(order,
            s := 0
            order items foreach(i, s = s + lineTotal(i qty, i price, discountFor(i)))
            s)

        discountFor := method(item, if(item qty >= 10, 10, 0))

        shipping := method(order, shippingTo(order country))

        price := method(order,
            s := subtotal(order)
            if(s > $vip,
                note("order " .. order id asString .. ": VIP, free shipping")
                s,
                s + shipping(order)))
    })?;

    println!("built-in rules:");
    price_all(&mut io)?;

    // Overrides from the shop owner, as text at run time: each runs under
    // a fuel budget and a heap limit.
    io.set_heap_limit(Some(64 << 20));
    let overrides = [
        (
            "bulk discount from 3",
            "discountFor := method(item, if(item qty >= 3, 15, 0))",
        ),
        (
            "a rule that never ends",
            "shipping := method(order, loop(nil))",
        ),
        (
            "a rule with a typo",
            "shipping := method(order, shippingTo(order contry))",
        ),
    ];
    for (what, src) in overrides {
        println!("override: {what}");
        let before = io.eval_str::<Value>("Lobby getSlot(\"shipping\")", "rules")?;
        let before = io.keep(before);
        io.set_fuel(Some(200_000));
        let outcome = io
            .eval_str::<()>(src, "override.io")
            .and_then(|_| price_all(&mut io));
        io.set_fuel(None);
        if let Err(e) = outcome {
            println!("  rejected: {}", e.to_string().lines().next().unwrap_or(""));
            // Go back to the shipping rule we had.
            io.set("previousShipping", &before);
            io.eval_str::<()>("shipping := getSlot(\"previousShipping\")", "rules")?;
        }
    }

    // A quick quote straight from Rust: 12 kettles at 10% off.
    let quote: f64 = io.call_global("lineTotal", &(12, 180.0, 10))?;
    println!("quote for 12 kettles at 10% off: {quote:.2}");

    println!("notes from the rules:");
    for n in notes.borrow().iter() {
        println!("  {n}");
    }
    println!(
        "calls from Rust answered by compiled Rust code: {}",
        io.specialised_calls()
    );
    Ok(())
}
