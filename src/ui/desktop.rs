//! Naming the window for the desktop: on X11, `WM_CLASS` is set to ("rapport", "rapport") so that
//! window lists match it to `rapport.desktop` (`StartupWMClass`). egui-winit 0.37 sets it from
//! the app id with an empty instance name, and offers no way to pass one, so it is set here on
//! the first frame, once the window exists.

/// Sets `WM_CLASS` of the root window to `rapport` in both fields, on X11; elsewhere a no-op.
pub fn name_window(frame: &eframe::Frame) {
    #[cfg(target_os = "linux")]
    x11::set_wm_class(frame);
    #[cfg(not(target_os = "linux"))]
    let _ = frame;
}

#[cfg(target_os = "linux")]
mod x11 {
    use raw_window_handle::{HasWindowHandle, RawWindowHandle};
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{AtomEnum, PropMode};
    use x11rb::wrapper::ConnectionExt as _;

    /// Instance and class, each ending in a NUL, as ICCCM lays `WM_CLASS` out.
    const WM_CLASS: &[u8] = b"rapport\0rapport\0";

    pub fn set_wm_class(frame: &eframe::Frame) {
        let Ok(handle) = frame.window_handle() else {
            return;
        };
        let window = match handle.as_raw() {
            RawWindowHandle::Xlib(xlib) => u32::try_from(xlib.window).ok(),
            RawWindowHandle::Xcb(xcb) => Some(xcb.window.get()),
            _ => None,
        };
        let Some(window) = window else {
            return;
        };
        // A name is a nicety: if the display cannot be reached again, the window still works.
        let Ok((connection, _)) = x11rb::connect(None) else {
            return;
        };
        // Wait for the server to apply it: the connection closes right after.
        let _ = connection
            .change_property8(
                PropMode::REPLACE,
                window,
                AtomEnum::WM_CLASS,
                AtomEnum::STRING,
                WM_CLASS,
            )
            .map(x11rb::cookie::VoidCookie::check);
        let _ = connection.flush();
    }
}
