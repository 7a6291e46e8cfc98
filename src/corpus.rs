//! The two bundled documents, the embedded default of every example and test.
//!
//! - Xiangshan district (Huaibei, Anhui), 相区办发〔2021〕40号: a district's implementation plan
//!   for strengthening intellectual-property protection, numbered 一、 > （一） > 1.;
//! - Huizhou city (Guangdong), 惠市委办发〔2021〕11号: the city's measures on the same central
//!   policy, extracted from PDF, numbered 一、 > (一).

/// A document shipped with the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bundled {
    /// The file name under `corpus/`.
    pub name: &'static str,
    /// The document text (UTF-8).
    pub text: &'static str,
}

/// The Xiangshan district plan (相区办发〔2021〕40号).
pub const XIANGSHAN: Bundled = Bundled {
    name: "xiangshan_2021_ip_protection_plan.txt",
    text: include_str!("../corpus/xiangshan_2021_ip_protection_plan.txt"),
};

/// The Huizhou city measures (惠市委办发〔2021〕11号).
pub const HUIZHOU: Bundled = Bundled {
    name: "huizhou_2021_ip_protection_measures.txt",
    text: include_str!("../corpus/huizhou_2021_ip_protection_measures.txt"),
};

/// Both bundled documents: the default pair, left then right.
pub const BUNDLED: [Bundled; 2] = [XIANGSHAN, HUIZHOU];

impl Bundled {
    /// Parses the bundled document.
    pub fn parse(&self) -> crate::Result<crate::Document> {
        crate::Document::from_text(self.text, self.name)
    }
}
