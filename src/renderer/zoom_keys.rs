//! Ctrl+= (or Ctrl++), Ctrl+- and Ctrl+0 in a lab's page zoom it in, out and back to 100%, as
//! a browser does; the panel's text size sets the same zoom (`ToRenderer::Zoom`).

use gtk::gdk::keys::constants as key;
use gtk::gdk::ModifierType;
use gtk::glib::Propagation;
use gtk::prelude::*;
use webkit2gtk::{WebView, WebViewExt};

/// One step in or out.
const STEP: f64 = 1.1;

pub fn watch(view: &WebView) {
    view.connect_key_press_event(|view, event| {
        if !event.state().contains(ModifierType::CONTROL_MASK) {
            return Propagation::Proceed;
        }
        let level = view.zoom_level();
        let next = match event.keyval() {
            key::equal | key::plus | key::KP_Add => level * STEP,
            key::minus | key::KP_Subtract => level / STEP,
            key::_0 | key::KP_0 => 1.0,
            _ => return Propagation::Proceed,
        };
        view.set_zoom_level(next.clamp(0.3, 5.0));
        Propagation::Stop
    });
}
