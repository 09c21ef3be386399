//! Fonts for the panel: egui's defaults plus a CJK font from the system, so the seed's Chinese
//! messages render as Chinese.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontFamily};

/// Where Debian's fonts-noto-cjk puts Noto Sans CJK (face 2 of the collection is Simplified Chinese).
const CJK_FONTS: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
];

/// Adds the first CJK font found as a fallback; returns false when none is installed.
pub fn install(ctx: &egui::Context) -> bool {
    let Some((bytes, index)) = CJK_FONTS
        .iter()
        .find_map(|(path, index)| std::fs::read(path).ok().map(|b| (b, *index)))
    else {
        return false;
    };
    let mut fonts = egui::FontDefinitions::default();
    let mut data = FontData::from_owned(bytes);
    data.index = index;
    fonts.font_data.insert("cjk".into(), Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("cjk".into());
    }
    ctx.set_fonts(fonts);
    true
}
