//! Writes a deterministic corpus of Swedish department plans for benchmarks.
//!
//! ```text
//! gen-corpus --out DIR [--plans N] [--seed S] [--big-mb M] [--vocabulary small|realistic]
//! ```
//!
//! Plans are 3–15 KB, with front matter, a title, the four priority areas (each written as the
//! canonical heading, renamed to a synonym, or left out), subsections, lists, tables, fenced
//! code blocks that hold area headings (which must not count), and prose that is hard-wrapped
//! or not. `--big-mb M` writes one plan of about M MB instead.
//!
//! With `--vocabulary small` (the default) the prose outside the areas repeats a few hundred
//! spellings, which flatters any design that remembers words. `--vocabulary realistic` writes
//! that prose from a lexicon shaped like real Swedish text instead: about 60,000 spellings —
//! inflections, compounds, names and typos of some 200 stems besides the common function
//! words — drawn with Zipf's law (the word of rank r about 1/r as often as the most common), so
//! a 10,000-plan corpus holds tens of thousands of distinct spellings. Both are deterministic for
//! a seed.
//!
//! Next to the plans, `expected.tsv` lists, per plan, the areas it lacks (by rule code), so a
//! benchmark can check that every tool flagged the same plans.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The four areas: rule code, canonical heading, synonyms planlint accepts, words for prose.
const AREAS: [(&str, &str, &[&str], &[&str]); 4] = [
    (
        "IP001",
        "Arbete och studier",
        &[
            "Arbete, praktik och utbildning",
            "Sysselsättning och studier",
            "Arbete och egen försörjning",
        ],
        &[
            "praktikplatser",
            "vuxenutbildningen",
            "SFI",
            "arbetsmarknaden",
            "anställning",
            "studier",
            "egen försörjning",
            "feriejobb",
        ],
    ),
    (
        "IP002",
        "Bostäder",
        &[
            "Boende och bostadsförsörjning",
            "Bostad och boendemiljö",
            "Lägenheter för nyanlända",
        ],
        &[
            "lägenheter",
            "bostadsbolaget",
            "hyresrätter",
            "bostadsförsörjningen",
            "boendemiljön",
            "kontrakt",
            "bostadskön",
            "bostäder",
        ],
    ),
    (
        "IP003",
        "Folkhälsa",
        &[
            "Hälsa och livsvillkor",
            "Folkhälsa och mötesplatser",
            "Psykisk hälsa",
        ],
        &[
            "mötesplatser",
            "föreningslivet",
            "folkhälsan",
            "diskriminering",
            "delaktighet",
            "fysisk aktivitet",
            "hälsa",
            "rasism",
        ],
    ),
    (
        "IP004",
        "Samverkan",
        &[
            "Samverkan med andra aktörer",
            "Samarbete och samverkan",
            "Samverkan inom och utanför kommunen",
        ],
        &[
            "Arbetsförmedlingen",
            "civilsamhället",
            "regionen",
            "föreningar",
            "näringslivet",
            "andra förvaltningar",
            "överenskommelser",
            "samverkan",
        ],
    ),
];

const DEPARTMENTS: &[&str] = &[
    "Barn- och utbildningsförvaltningen",
    "Socialförvaltningen",
    "Kultur- och fritidsförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Kommunledningsförvaltningen",
    "Vård- och omsorgsförvaltningen",
    "Tekniska förvaltningen",
    "Arbetsmarknadsenheten",
];

const OTHER_SECTIONS: &[&str] = &[
    "Verksamhetens uppdrag",
    "Ekonomi och resurser",
    "Uppföljning och analys",
    "Risker och beroenden",
    "Digitalisering",
    "Kvalitetsarbete",
    "Kommunikation",
];

const SUBJECTS: &[&str] = &[
    "Förvaltningen",
    "Enheten",
    "Verksamheten",
    "Vi",
    "Ledningsgruppen",
    "Varje arbetsplats",
];
const VERBS: &[&str] = &[
    "utvecklar",
    "följer upp",
    "planerar",
    "prioriterar",
    "samordnar",
    "förbättrar",
    "genomför",
    "ansvarar för",
];
const FILLER: &[&str] = &[
    "arbetssätt",
    "rutiner för dokumentation",
    "dialogen med kommuninvånarna",
    "det systematiska kvalitetsarbetet",
    "lokalernas tillgänglighet",
    "kompetensförsörjningen",
    "budgetuppföljningen varje tertial",
    "mål och nyckeltal",
];
const TAILS: &[&str] = &[
    "under verksamhetsåret",
    "i nära dialog med nämnden",
    "enligt kommunens styrmodell",
    "så att resultaten kan mätas",
    "med stöd av statistik från SCB",
    "tillsammans med medarbetarna",
];

/// Function words, the most common spellings of any Swedish text.
const FUNCTION_WORDS: &[&str] = &[
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
    "de", "inte", "om", "ett", "vi", "under", "så", "kan", "ska", "men", "även", "från", "där",
    "eller", "när", "alla", "mer", "nya", "inom", "genom", "samt", "efter", "hur", "vara", "olika",
];

/// Stems of content words; the lexicon inflects, compounds and misspells them.
const STEMS: &[&str] = &[
    "verksamhet",
    "förvaltning",
    "nämnd",
    "kommun",
    "invånare",
    "medborgare",
    "elev",
    "barn",
    "ungdom",
    "vuxen",
    "familj",
    "förälder",
    "vårdnadshavare",
    "skola",
    "förskola",
    "klass",
    "lärare",
    "rektor",
    "personal",
    "chef",
    "enhet",
    "avdelning",
    "grupp",
    "team",
    "möte",
    "plan",
    "mål",
    "resultat",
    "uppföljning",
    "analys",
    "rapport",
    "budget",
    "kostnad",
    "intäkt",
    "resurs",
    "lokal",
    "byggnad",
    "fastighet",
    "väg",
    "gata",
    "park",
    "trafik",
    "buss",
    "cykel",
    "vatten",
    "avlopp",
    "avfall",
    "miljö",
    "klimat",
    "energi",
    "natur",
    "skog",
    "sjö",
    "land",
    "stad",
    "ort",
    "område",
    "centrum",
    "bibliotek",
    "bok",
    "läsning",
    "kultur",
    "musik",
    "konst",
    "idrott",
    "förening",
    "hall",
    "bad",
    "fritid",
    "gård",
    "träff",
    "aktivitet",
    "evenemang",
    "omsorg",
    "vård",
    "stöd",
    "insats",
    "behov",
    "beslut",
    "ärende",
    "handläggning",
    "tillsyn",
    "kontroll",
    "tillstånd",
    "ansökan",
    "avtal",
    "upphandling",
    "leverantör",
    "tjänst",
    "system",
    "digital",
    "dator",
    "nät",
    "webb",
    "information",
    "kommunikation",
    "dialog",
    "samråd",
    "utveckling",
    "förändring",
    "förbättring",
    "kvalitet",
    "säkerhet",
    "trygghet",
    "risk",
    "brand",
    "räddning",
    "olycka",
    "kris",
    "beredskap",
    "övning",
    "ekonomi",
    "redovisning",
    "lön",
    "rekrytering",
    "kompetens",
    "ledarskap",
    "styrning",
    "strategi",
    "riktlinje",
    "rutin",
    "process",
    "arbetsgång",
    "dokument",
    "arkiv",
    "register",
    "statistik",
    "nyckeltal",
    "enkät",
    "undersökning",
    "besök",
    "samtal",
    "kontakt",
    "service",
    "reception",
    "telefon",
    "språk",
    "tolk",
    "översättning",
    "modersmål",
    "svenska",
    "nyanländ",
    "etablering",
    "introduktion",
    "mottagande",
    "jämställdhet",
    "tillgänglighet",
    "delaktighet",
    "inflytande",
    "demokrati",
    "val",
    "politik",
    "ledamot",
    "sammanträde",
    "protokoll",
    "handling",
    "diarium",
    "år",
    "månad",
    "vecka",
    "dag",
    "kväll",
    "helg",
    "sommar",
    "höst",
    "vinter",
    "vår",
    "termin",
    "mat",
    "måltid",
    "kök",
    "lunch",
    "fordon",
    "maskin",
    "verktyg",
    "material",
    "utrustning",
];

const ENDINGS: &[&str] = &[
    "", "", "en", "et", "er", "ar", "or", "erna", "arna", "orna", "ens", "ets", "ernas", "a", "s",
];

const SYLLABLES: &[&str] = &[
    "al", "be", "ka", "ri", "mo", "sa", "el", "in", "to", "ha", "le", "vi", "na", "ro", "is", "ma",
    "de", "lu", "ja", "fa", "ke", "so", "ni", "ra",
];

/// A lexicon of realistic size and shape, and Zipf's law over it.
struct Lexicon {
    words: Vec<String>,
    /// Cumulative weights, 1/(rank + 1), for drawing a rank.
    cumulative: Vec<f64>,
}

impl Lexicon {
    fn new(rng: &mut Rng, size: usize) -> Lexicon {
        let mut seen = std::collections::HashSet::new();
        let mut words: Vec<String> = Vec::with_capacity(size);
        for w in FUNCTION_WORDS {
            seen.insert((*w).to_owned());
            words.push((*w).to_owned());
        }
        while words.len() < size {
            let stem = rng.pick(STEMS);
            let word = match rng.below(100) {
                0..45 => format!("{stem}{}", rng.pick(ENDINGS)),
                45..75 => {
                    let head = rng.pick(STEMS);
                    let link = if rng.chance(40) { "s" } else { "" };
                    format!("{stem}{link}{head}{}", rng.pick(ENDINGS))
                }
                75..88 => {
                    let mut name = String::new();
                    for _ in 0..2 + rng.below(2) {
                        name.push_str(rng.pick(SYLLABLES));
                    }
                    let mut chars = name.chars();
                    chars.next().map_or(name.clone(), |c| {
                        c.to_uppercase().chain(chars).collect::<String>()
                    })
                }
                _ => {
                    let word = format!("{stem}{}", rng.pick(ENDINGS));
                    typo(rng, &word)
                }
            };
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (f64::from(u32::try_from(r).unwrap_or(u32::MAX)) + 1.0);
                total
            })
            .collect();
        Lexicon { words, cumulative }
    }

    /// A word drawn by Zipf's law.
    fn draw(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x =
            f64::from(u32::try_from(rng.next() >> 32).unwrap_or(0)) / f64::from(u32::MAX) * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

/// `word` with one typing mistake: two letters swapped, one dropped or one doubled.
fn typo(rng: &mut Rng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 {
        return word.to_owned();
    }
    let i = 1 + rng.below(chars.len() - 2);
    match rng.below(3) {
        0 => chars.swap(i, i + 1),
        1 => {
            chars.remove(i);
        }
        _ => {
            let c = chars[i];
            chars.insert(i, c);
        }
    }
    chars.into_iter().collect()
}

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// One sentence, about an area when `topic` is given.
fn sentence(rng: &mut Rng, topic: Option<&[&str]>) -> String {
    if let (None, Some(lexicon)) = (topic, LEXICON.get()) {
        let mut s = format!("{} {}", rng.pick(SUBJECTS), rng.pick(VERBS));
        for _ in 0..6 + rng.below(9) {
            s.push(' ');
            s.push_str(lexicon.draw(rng));
        }
        let _ = write!(s, " {}.", rng.pick(TAILS));
        return s;
    }
    let subject = rng.pick(SUBJECTS);
    let verb = rng.pick(VERBS);
    match topic {
        Some(words) => {
            let a = rng.pick(words);
            let b = rng.pick(words);
            format!(
                "{subject} {verb} insatser för {a} och {b} för nyanlända {} {}.",
                rng.pick(TAILS),
                2026 + rng.below(3)
            )
        }
        None => format!("{subject} {verb} {} {}.", rng.pick(FILLER), rng.pick(TAILS)),
    }
}

/// A paragraph of 3–7 sentences, hard-wrapped at 90 columns or left as one line.
fn paragraph(rng: &mut Rng, topic: Option<&[&str]>, out: &mut String) {
    let sentences: Vec<String> = (0..3 + rng.below(5))
        .map(|_| sentence(rng, topic))
        .collect();
    let text = sentences.join(" ");
    if rng.chance(50) {
        let mut col = 0;
        for word in text.split(' ') {
            if col > 0 && col + word.chars().count() > 90 {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += word.chars().count();
        }
    } else {
        out.push_str(&text);
    }
    out.push_str("\n\n");
}

fn list(rng: &mut Rng, topic: Option<&[&str]>, out: &mut String) {
    for _ in 0..2 + rng.below(4) {
        let _ = writeln!(out, "- {}", sentence(rng, topic));
    }
    out.push('\n');
}

fn table(rng: &mut Rng, out: &mut String) {
    out.push_str("| Aktivitet | Ansvarig | Klart |\n|---|---|---|\n");
    for _ in 0..2 + rng.below(4) {
        let _ = writeln!(
            out,
            "| {} | {} | {}-{:02}-{:02} |",
            rng.pick(FILLER),
            rng.pick(SUBJECTS),
            2027,
            1 + rng.below(12),
            1 + rng.below(28)
        );
    }
    out.push('\n');
}

/// A fenced code block that holds an area heading: a template, not a section.
fn code_block(rng: &mut Rng, out: &mut String) {
    let (_, heading, _, _) = AREAS[rng.below(AREAS.len())];
    let _ = write!(
        out,
        "Mall för nästa års plan:\n\n```markdown\n## {heading}\n\nBeskriv insatserna här.\n```\n\n"
    );
}

/// A section's body: paragraphs, maybe a list, a table, a code block and subsections.
fn body(rng: &mut Rng, topic: Option<&[&str]>, out: &mut String) {
    for _ in 0..=rng.below(2) {
        paragraph(rng, topic, out);
    }
    if rng.chance(50) {
        list(rng, topic, out);
    }
    if rng.chance(25) {
        table(rng, out);
    }
    if rng.chance(10) {
        code_block(rng, out);
    }
    if rng.chance(40) {
        for sub in ["Mål", "Aktiviteter", "Uppföljning"]
            .iter()
            .take(1 + rng.below(3))
        {
            let _ = write!(out, "### {sub}\n\n");
            paragraph(rng, topic, out);
        }
    }
}

/// One plan of at least `size` bytes; returns the codes of the areas it lacks.
fn plan(rng: &mut Rng, size: usize, out: &mut String) -> Vec<&'static str> {
    let department = rng.pick(DEPARTMENTS);
    let year = 2026 + rng.below(3);
    let _ = write!(
        out,
        "---\nförvaltning: {department}\når: {year}\nansvarig: {}\nbeslutad: {year}-0{}-1{}\n---\n\n# Verksamhetsplan {year}\n\n",
        rng.pick(&["Anna Berg", "Karim Haddad", "Lena Ek", "Jonas Nilsson"]),
        1 + rng.below(9),
        rng.below(10)
    );
    let _ = write!(
        out,
        "## Inledning\n\nPlanen visar hur {department} bidrar till kommunens integrationspolicy och dess prioriterade områden.\n\n"
    );
    let mut missing = Vec::new();
    for (code, heading, synonyms, words) in AREAS {
        let roll = rng.below(100);
        if roll < 8 {
            missing.push(code);
            continue;
        }
        let title = if roll < 20 {
            rng.pick(synonyms)
        } else {
            heading
        };
        let _ = write!(out, "## {title}\n\n");
        body(rng, Some(words), out);
    }
    while out.len() < size {
        let _ = write!(out, "## {}\n\n", rng.pick(OTHER_SECTIONS));
        body(rng, None, out);
    }
    missing
}

/// The realistic lexicon, when `--vocabulary realistic` asks for it.
static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();

struct Args {
    realistic: bool,
    out: PathBuf,
    plans: usize,
    seed: u64,
    big_mb: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        realistic: false,
        out: PathBuf::new(),
        plans: 10_000,
        seed: 1,
        big_mb: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(&value),
            "--plans" => args.plans = number()?,
            "--seed" => args.seed = number()? as u64,
            "--big-mb" => args.big_mb = Some(number()?),
            "--vocabulary" => {
                args.realistic = match value.as_str() {
                    "small" => false,
                    "realistic" => true,
                    _ => return Err(format!("--vocabulary: small or realistic, not {value}")),
                }
            }
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("usage: gen-corpus --out DIR [--plans N] [--seed S] [--big-mb M] [--vocabulary small|realistic]".into());
    }
    Ok(args)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let mut rng = Rng(args.seed);
    if args.realistic {
        let _ = LEXICON.set(Lexicon::new(&mut rng, 60_000));
    }
    let mut expected = String::new();
    let mut text = String::new();
    if let Some(mb) = args.big_mb {
        let missing = plan(&mut rng, mb * 1_000_000, &mut text);
        write(&args.out.join("stor.md"), &text)?;
        let _ = writeln!(expected, "stor.md\t{}", missing.join(","));
    } else {
        for i in 0..args.plans {
            text.clear();
            let size = 3_000 + rng.below(12_000);
            let missing = plan(&mut rng, size, &mut text);
            let name = format!("forvaltning-{:03}/plan-{i:05}.md", i / 100);
            write(&args.out.join(&name), &text)?;
            let _ = writeln!(expected, "{name}\t{}", missing.join(","));
        }
    }
    write(&args.out.join("expected.tsv"), &expected)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("gen-corpus: {e}");
            }
            ExitCode::from(2)
        }
    }
}
