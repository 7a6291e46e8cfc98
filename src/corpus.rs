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
    pub fn parse(&self) -> crate::error::Result<crate::document::Document> {
        crate::document::Document::from_text(self.text, self.name)
    }
}

/// A small deterministic random generator (xorshift64*), so that synthetic corpora are the same
/// for a seed on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[char] = &[
    '东', '西', '南', '北', '清', '河', '山', '平', '安', '宁', '新', '城', '丰', '阳', '云', '江', '湖', '石', '林',
    '泉', '桐', '岚', '雪', '青', '临', '永', '长', '高', '兴', '华',
];
const CN_NUMBERS: &[&str] = &[
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
];

/// A synthetic document of the corpus: its file name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticDocument {
    /// `synthetic_0001_东城县.txt`.
    pub name: String,
    /// The document text.
    pub text: String,
}

/// `n` documents generated from the bundled pair, for benchmarks and scaling tests that anyone
/// can reproduce: each takes one of the two bundled documents, renames its jurisdiction (a place
/// name of its own, at county, district or city level, written into the title, the document
/// number, the measures and every responsibility clause), drops some measures at random (up to
/// a quarter), shuffles the rest and numbers them anew (`1.` or `（一）`). The same `n` and
/// `seed` give the same corpus.
///
/// The documents come in groups of 2 to 5, the counties that answered one prefecture: each
/// document of a group carries the prefecture's own measure (a heading and two sentences of
/// policy words in an order of the prefecture's own, at a place of the document's drawing), so
/// that a group's documents share passages no other document holds. The corpus keeps its shape
/// whatever `n`: every jurisdiction is named once (two syllables up to 450 documents, three or
/// more beyond), and a document shares its distinctive passages with the few of its group
/// (blocking pairs 8 of 3,555 candidates across groups among 2,500 documents, 91 of 14,385
/// among 10,000: chance runs of the generated text).
///
/// ```
/// let docs = policy_align::corpus::synthetic(3, 7);
/// assert_eq!(docs.len(), 3);
/// let parsed = policy_align::Document::from_text(&docs[0].text, &docs[0].name).unwrap();
/// assert!(parsed.measures.len() >= 15);
/// assert_eq!(docs, policy_align::corpus::synthetic(3, 7));
/// ```
pub fn synthetic(n: usize, seed: u64) -> Vec<SyntheticDocument> {
    let bases: Vec<(crate::document::Document, &str)> = vec![
        (XIANGSHAN.parse().expect("bundled documents parse"), "相山"),
        (HUIZHOU.parse().expect("bundled documents parse"), "惠州"),
    ];
    let mut rng = Rng::new(seed);
    let mut names = Names::for_documents(n);
    let mut prefecture = Prefecture::default();
    (0..n)
        .map(|i| {
            if prefecture.left == 0 {
                prefecture = Prefecture::draw(&mut rng);
            }
            prefecture.left -= 1;
            let (base, base_place) = &bases[rng.below(2)];
            let place = names.draw(&mut rng);
            let level = ['县', '区', '市'][rng.below(3)];
            let base_level = if *base_place == "相山" { '区' } else { '市' };
            let jurisdiction = format!("{place}{level}");
            let mut order: Vec<Option<usize>> = (0..base.measures.len()).map(Some).collect();
            for k in (1..order.len()).rev() {
                order.swap(k, rng.below(k + 1));
            }
            let keep = order.len() - rng.below(order.len() / 4 + 1);
            order.truncate(keep);
            // The prefecture's measure, somewhere among the others.
            order.insert(rng.below(order.len() + 1), None);
            let chinese = rng.below(2) == 0;
            let mut text = format!(
                "{jurisdiction}关于强化知识产权保护的{}\n{}办发〔{}〕{}号\n\n一、重点任务\n",
                ["实施方案", "若干措施", "工作措施"][rng.below(3)],
                place,
                2020 + rng.below(5),
                1 + rng.below(60)
            );
            for (k, m) in order.iter().enumerate() {
                let label = if chinese {
                    format!("（{}）", CN_NUMBERS.get(k).copied().unwrap_or("二十六"))
                } else {
                    format!("{}.", k + 1)
                };
                let Some(m) = m else {
                    text.push_str(&format!("{label}{}\n", prefecture.measure));
                    continue;
                };
                let m = &base.measures[*m];
                let clause = m.clause_text().map_or(String::new(), |c| {
                    let mut c = c.replace(base_place, &place);
                    for sep in ['：', '、', '〔', '（', '，'] {
                        c = c.replace(&format!("{sep}{base_level}"), &format!("{sep}{level}"));
                    }
                    c
                });
                text.push_str(&format!(
                    "{label}{}。{}{clause}\n",
                    m.title,
                    m.text
                        .replace(&format!("{base_place}{base_level}"), &jurisdiction)
                        .replace(base_place, &place)
                ));
            }
            text.push_str(&format!(
                "\n{place}{level}人民政府办公室\n{}年{}月{}日\n",
                2020 + rng.below(5),
                1 + rng.below(12),
                1 + rng.below(28)
            ));
            SyntheticDocument {
                name: format!("synthetic_{:04}_{jurisdiction}.txt", i + 1),
                text,
            }
        })
        .collect()
}

/// The prefecture of the documents being made: its measure, and how many documents are left
/// to carry it.
#[derive(Default)]
struct Prefecture {
    measure: String,
    left: usize,
}

impl Prefecture {
    /// A new prefecture of 2 to 5 documents. Its measure is a heading of four
    /// [`POLICY_WORDS`] and two sentences of eight, drawn at random: any run of eight
    /// characters of it is four words in an order that no other group draws but by a chance of
    /// one in millions.
    fn draw(rng: &mut Rng) -> Prefecture {
        let mut words = |n: usize| -> String { (0..n).map(|_| POLICY_WORDS[rng.below(POLICY_WORDS.len())]).collect() };
        Prefecture {
            measure: format!("{}。{}，{}。", words(4), words(8), words(8)),
            left: 2 + rng.below(4),
        }
    }
}

/// The words a prefecture's own measure is drawn from.
const POLICY_WORDS: &[&str] = &[
    "创新", "保护", "执法", "服务", "监管", "协同", "机制", "平台", "体系", "制度", "标准", "质量", "品牌", "专利",
    "商标", "版权", "维权", "援助", "调解", "仲裁", "司法", "行政", "审查", "登记", "运营", "转化", "培育", "引导",
    "宣传", "培训", "人才", "队伍", "园区", "企业", "高校", "产业", "集群", "数字", "网络", "数据", "信用", "考核",
    "评价", "督查", "联动", "共享", "预警", "监测", "布局", "示范", "试点", "推广", "融资", "质押", "保险", "基金",
    "海外", "展会", "口岸", "地理",
];

/// Place names drawn without repeating: each has as many syllables as keep the names in use
/// under half of those possible, so that a draw seldom has to be made again.
struct Names {
    syllables: usize,
    used: std::collections::HashSet<String>,
}

impl Names {
    /// Enough names for `n` documents.
    fn for_documents(n: usize) -> Names {
        let needed = 2 * n;
        let mut syllables = 2;
        while SYLLABLES.len().pow(syllables as u32) < needed {
            syllables += 1;
        }
        Names {
            syllables,
            used: std::collections::HashSet::new(),
        }
    }

    fn draw(&mut self, rng: &mut Rng) -> String {
        loop {
            let name: String = (0..self.syllables)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect();
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }
}
