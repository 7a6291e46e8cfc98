//! Stage 5: text to tokens, with one shared jieba-rs instance that knows the domain.
//!
//! [`Segmenter`] wraps jieba-rs: it owns the dictionary additions (policy and IP terms from
//! `data/domain_dict.txt`, and agency names from an [`AgencyRegistry`] and from the documents'
//! own clauses, so that `市场监督管理局` or `文化广电旅游体育局` stay one token) and returns the
//! crate's own [`Token`] with byte offsets. Building it loads jieba's dictionary (about 100 ms):
//! build one and share it.

use crate::agency::AgencyRegistry;
use crate::document::Document;
use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

const DOMAIN_DICT: &str = include_str!("../data/domain_dict.txt");
const STOP_WORDS: &str = include_str!("../data/stopwords.txt");

/// A token: a word of the input and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it appears in the input.
    pub text: &'a str,
    /// Byte offset of its start in the input.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// Builds a [`Segmenter`].
///
/// ```
/// use policy_align::{AgencyRegistry, Segmenter};
/// let seg = Segmenter::builder().agencies(&AgencyRegistry::new()).word("快速维权中心").build();
/// let words: Vec<&str> = seg.cut("区文化广电旅游体育局建设快速维权中心").iter().map(|t| t.text).collect();
/// assert!(words.contains(&"文化广电旅游体育局") && words.contains(&"快速维权中心"));
/// ```
#[derive(Debug, Clone)]
pub struct SegmenterBuilder {
    words: Vec<String>,
    stop_words: Vec<String>,
    domain: bool,
    builtin_stop_words: bool,
    hmm: bool,
}

impl Default for SegmenterBuilder {
    fn default() -> Self {
        SegmenterBuilder {
            words: Vec::new(),
            stop_words: Vec::new(),
            domain: true,
            builtin_stop_words: true,
            hmm: true,
        }
    }
}

impl SegmenterBuilder {
    /// Whether to load the built-in policy and IP dictionary. Default: `true`.
    pub fn domain_dictionary(mut self, yes: bool) -> Self {
        self.domain = yes;
        self
    }

    /// Whether jieba guesses unknown words with its HMM. Default: `true`.
    pub fn hmm(mut self, yes: bool) -> Self {
        self.hmm = yes;
        self
    }

    /// Whether to use the built-in stop words (`data/stopwords.txt`: function words and policy
    /// boilerplate such as 加强, 推进, 进一步). Default: `true`.
    pub fn builtin_stop_words(mut self, yes: bool) -> Self {
        self.builtin_stop_words = yes;
        self
    }

    /// Adds a stop word: [`Segmenter::words`] leaves it out. Default: none.
    pub fn stop_word(mut self, word: &str) -> Self {
        self.stop_words.push(word.to_owned());
        self
    }

    /// Adds one word to the dictionary. Default: none.
    pub fn word(mut self, word: &str) -> Self {
        self.words.push(word.to_owned());
        self
    }

    /// Adds every name of every function of an agency registry. Default: none.
    pub fn agencies(mut self, registry: &AgencyRegistry) -> Self {
        for f in registry.functions() {
            for n in std::iter::once(&f.name).chain(&f.names) {
                if n.chars().count() >= 2 {
                    self.words.push(n.clone());
                }
            }
        }
        self
    }

    /// Adds the agency names written in documents' clauses (main names and aliases), so that
    /// a body written only there (`相山公安分局`) is one token too. Default: none.
    pub fn document_agencies<'d>(mut self, docs: impl IntoIterator<Item = &'d Document>) -> Self {
        for doc in docs {
            let measures = doc.measures.iter().flat_map(|m| m.mentions());
            let annex = doc.annex_tasks().flat_map(|t| &t.units);
            for m in measures.chain(annex).filter(|m| !crate::agency::is_collective(&m.text)) {
                for n in std::iter::once(&m.name).chain(&m.aliases) {
                    if n.chars().count() >= 3 && !self.words.contains(n) {
                        self.words.push(n.clone());
                    }
                }
            }
        }
        self
    }

    /// Builds the segmenter (loads jieba's dictionary, then the additions).
    pub fn build(self) -> Segmenter {
        let mut jieba = Jieba::new();
        if self.domain {
            for line in DOMAIN_DICT
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            {
                let mut parts = line.split_whitespace();
                if let Some(word) = parts.next() {
                    let freq = parts.next().and_then(|f| f.parse().ok());
                    jieba.add_word(word, freq, parts.next());
                }
            }
        }
        for w in &self.words {
            // A frequency high enough that the name wins over its parts.
            let freq = jieba.suggest_freq(w).max(20_000);
            jieba.add_word(w, Some(freq), Some("nt"));
        }
        let mut stop: FxHashSet<String> = self.stop_words.into_iter().collect();
        if self.builtin_stop_words {
            stop.extend(
                STOP_WORDS
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                    .map(|l| l.trim().to_owned()),
            );
        }
        Segmenter {
            jieba,
            hmm: self.hmm,
            stop,
        }
    }
}

/// Chinese word segmentation for policy text.
pub struct Segmenter {
    jieba: Jieba,
    hmm: bool,
    stop: FxHashSet<String>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("hmm", &self.hmm)
            .finish_non_exhaustive()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::builder().build()
    }
}

impl Segmenter {
    /// A segmenter with jieba's dictionary and the domain dictionary.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// A builder: which dictionaries, which extra words, HMM or not.
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder::default()
    }

    /// Whether the dictionary holds `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Whether `word` is a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// The content words of a text: tokens of two characters or more that hold a letter or a
    /// CJK character and are not stop words (no punctuation, no bare numbers, no 的).
    pub fn words<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.cut(text)
            .into_iter()
            .filter(|t| {
                t.text.chars().count() >= 2
                    && t.text.chars().any(|c| c.is_alphabetic())
                    && t.text.chars().all(|c| c.is_alphanumeric())
                    && !self.stop.contains(t.text)
            })
            .collect()
    }

    /// Cuts text into tokens (white space and punctuation included, as jieba returns them).
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(text, self.hmm)
            .into_iter()
            .map(|t| Token {
                text: t.word,
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }
}
