//! The app as eframe runs it, kept within reach so that its notes are
//! flushed however the event loop ends: closed normally, returned with an
//! error, or cut short by the process exiting from inside it.
//!
//! That last one is real: when the X connection is lost (`xdotool
//! windowkill`, a crashed X server, a closed SSH session), Xlib prints "X
//! connection … broken" and calls `exit(1)` from inside the event loop, so
//! `eframe::run_native` never returns and no `on_exit` runs. What `exit`
//! does run on the calling thread are its thread-local destructors, before
//! anything else; the app is held in one of those on the main thread, and
//! its destructor flushes the notes (to their file, else a copy, else
//! standard error) if nothing did yet.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::VersusApp;

/// The app and whether its notes have had their exit flush.
struct Shared {
    app: RefCell<VersusApp>,
    flushed: Cell<bool>,
}

impl Shared {
    /// The exit flush, once.
    fn flush(&self) {
        if self.flushed.get() {
            return;
        }
        // Borrowed only while eframe is inside one of the app's own calls:
        // an exit from there leaves the app mid-change, unsafe to read.
        if let Ok(mut app) = self.app.try_borrow_mut() {
            self.flushed.set(true);
            app.flush_on_exit();
        } else {
            eprintln!(
                "versus: the window ended in the middle of a frame; notes typed since the last autosave (at most 2 seconds) could not be saved"
            );
        }
    }
}

/// Flushes the notes when dropped: at the latest when the main thread's
/// thread-locals are destroyed, which `exit` does first.
struct FlushOnDrop(Rc<Shared>);

impl Drop for FlushOnDrop {
    fn drop(&mut self) {
        self.0.flush();
    }
}

thread_local! {
    static AT_EXIT: RefCell<Option<FlushOnDrop>> = const { RefCell::new(None) };
}

/// The app, as given to eframe: every call goes to the [`VersusApp`],
/// which stays reachable for the exit flush.
pub struct Running(Rc<Shared>);

impl Running {
    /// Wraps `app` and makes sure its notes are flushed when the process
    /// ends on this thread, whatever way the event loop ends. Call it on
    /// the thread that runs the event loop.
    #[must_use]
    pub fn new(app: VersusApp) -> Self {
        let shared = Rc::new(Shared {
            app: RefCell::new(app),
            flushed: Cell::new(false),
        });
        let guard = FlushOnDrop(Rc::clone(&shared));
        // Only gone while the thread itself ends; then nothing is kept.
        let _ = AT_EXIT.try_with(|slot| slot.replace(Some(guard)));
        Self(shared)
    }
}

/// Flushes the notes of the app that ran, if the event loop ended without
/// doing so (an error returned from `eframe::run_native`). Nothing happens
/// when they were flushed already or no app was made.
pub fn flush_after_event_loop() {
    let guard = AT_EXIT.try_with(RefCell::take).ok().flatten();
    drop(guard);
}

impl eframe::App for Running {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        eframe::App::logic(&mut *self.0.app.borrow_mut(), ctx, frame);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        eframe::App::ui(&mut *self.0.app.borrow_mut(), ui, frame);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::App::save(&mut *self.0.app.borrow_mut(), storage);
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        eframe::App::auto_save_interval(&*self.0.app.borrow())
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(&mut *self.0.app.borrow_mut(), gl);
        self.0.flushed.set(true);
    }
}
