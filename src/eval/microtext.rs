//! The arg-microtexts corpus (Peldszus & Stede): `micro_bNNN.xml` holds the
//! elementary units (EDUs) as text, the argumentative units (ADUs) built from
//! them, and the edges of the argument graph; `micro_bNNN.txt` the text.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What an argumentative unit does to the one it attaches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Support,
    Attack,
}

/// One argumentative unit, with its span in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Adu {
    pub id: String,
    pub start: usize,
    pub end: usize,
    /// The unit it attaches to (an index into `MicrotextDocument::adus`) and
    /// how; `None` for the central claim.
    pub attachment: Option<(usize, Function)>,
}

#[derive(Debug, Clone)]
pub struct MicrotextDocument {
    pub path: PathBuf,
    pub text: String,
    /// In text order.
    pub adus: Vec<Adu>,
}

impl MicrotextDocument {
    /// The central claim: the unit that attaches to nothing.
    pub fn central(&self) -> Option<usize> {
        self.adus.iter().position(|a| a.attachment.is_none())
    }
}

#[derive(Debug, Default)]
struct Raw {
    edus: Vec<(String, String)>,
    adus: Vec<String>,
    /// id, source, target, type
    edges: Vec<(String, String, String, String)>,
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn parse_xml(xml: &str) -> Result<Raw, String> {
    let mut reader = Reader::from_str(xml);
    let mut raw = Raw::default();
    let mut open_edu: Option<String> = None;
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("invalid XML at byte {}: {e}", reader.buffer_position()))?
        {
            Event::Start(e) | Event::Empty(e) => {
                let id = attribute(&e, b"id");
                match e.name().as_ref() {
                    b"edu" => open_edu = id,
                    b"adu" => raw.adus.push(id.ok_or("an <adu> without an id")?),
                    b"edge" => {
                        let get = |name: &[u8]| {
                            attribute(&e, name).ok_or_else(|| {
                                format!("an <edge> without `{}`", String::from_utf8_lossy(name))
                            })
                        };
                        raw.edges
                            .push((get(b"id")?, get(b"src")?, get(b"trg")?, get(b"type")?));
                    }
                    _ => {}
                }
            }
            Event::CData(text) => {
                if let Some(id) = open_edu.take() {
                    raw.edus
                        .push((id, String::from_utf8_lossy(&text.into_inner()).into_owned()));
                }
            }
            Event::Text(text) => {
                if let Some(id) = open_edu.take() {
                    let text = text.decode().map_err(|e| e.to_string())?.into_owned();
                    raw.edus.push((id, text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(raw)
}

/// Reads one document from its `.xml` path (the `.txt` beside it gives the text).
pub fn read(xml_path: &Path) -> Result<MicrotextDocument, String> {
    let named = |e: String| format!("{}: {e}", xml_path.display());
    let xml = std::fs::read_to_string(xml_path).map_err(|e| named(e.to_string()))?;
    let txt_path = xml_path.with_extension("txt");
    let text =
        std::fs::read_to_string(&txt_path).map_err(|e| format!("{}: {e}", txt_path.display()))?;
    let raw = parse_xml(&xml).map_err(named)?;

    // Each EDU's span, found in order in the text.
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut at = 0;
    for (id, edu) in &raw.edus {
        let edu = edu.trim();
        let found = text[at..]
            .find(edu)
            .ok_or_else(|| named(format!("EDU {id} is not in the text after byte {at}")))?;
        spans.insert(id.clone(), (at + found, at + found + edu.len()));
        at += found + edu.len();
    }
    // An ADU covers the EDUs segmented into it.
    let mut adu_spans: HashMap<&str, (usize, usize)> = HashMap::new();
    for (_, src, trg, kind) in raw.edges.iter().filter(|e| e.3 == "seg") {
        let _ = kind;
        let span = *spans
            .get(src)
            .ok_or_else(|| named(format!("segment edge from unknown EDU {src}")))?;
        let entry = adu_spans.entry(trg.as_str()).or_insert(span);
        *entry = (entry.0.min(span.0), entry.1.max(span.1));
    }
    let mut order: Vec<&String> = raw.adus.iter().collect();
    for id in &order {
        if !adu_spans.contains_key(id.as_str()) {
            return Err(named(format!("ADU {id} has no segment")));
        }
    }
    order.sort_by_key(|id| adu_spans[id.as_str()].0);
    let index: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();

    // Edges between ADUs, and edges onto edges (undercut, linked premise),
    // which attach to the source of the edge they target.
    let by_id: HashMap<&str, &(String, String, String, String)> =
        raw.edges.iter().map(|e| (e.0.as_str(), e)).collect();
    let resolve = |target: &str| -> Option<usize> {
        let mut target = target;
        for _ in 0..raw.edges.len() + 1 {
            if let Some(&i) = index.get(target) {
                return Some(i);
            }
            target = by_id.get(target)?.1.as_str();
        }
        None
    };
    let mut attachment: Vec<Option<(usize, Function)>> = vec![None; order.len()];
    for (_, src, trg, kind) in raw.edges.iter().filter(|e| e.3 != "seg") {
        let function = match kind.as_str() {
            "sup" | "exa" | "add" => Function::Support,
            "reb" | "und" => Function::Attack,
            other => return Err(named(format!("unknown edge type `{other}`"))),
        };
        let from = *index
            .get(src.as_str())
            .ok_or_else(|| named(format!("edge from unknown ADU {src}")))?;
        let to = resolve(trg).ok_or_else(|| named(format!("edge to unknown target {trg}")))?;
        if from != to {
            attachment[from] = Some((to, function));
        }
    }
    let adus = order
        .iter()
        .zip(attachment)
        .map(|(id, attachment)| {
            let (start, end) = adu_spans[id.as_str()];
            Adu {
                id: (*id).clone(),
                start,
                end,
                attachment,
            }
        })
        .collect::<Vec<_>>();
    if adus.iter().filter(|a| a.attachment.is_none()).count() != 1 {
        return Err(named(
            "expected exactly one central claim (an ADU that attaches to nothing)".into(),
        ));
    }
    Ok(MicrotextDocument {
        path: xml_path.to_path_buf(),
        text,
        adus,
    })
}

/// Reads every `micro_*.xml` of a directory, in file-name order.
pub fn read_dir(dir: &Path) -> Result<Vec<MicrotextDocument>, String> {
    // `read` reports an XML file without its text rather than skipping it.
    super::files_named(dir, |n| n.ends_with(".xml"))?
        .iter()
        .map(|p| read(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t">
  <edu id="e1"><![CDATA[Bins are annoying.]]></edu>
  <edu id="e2"><![CDATA[But we waste too much]]></edu>
  <edu id="e3"><![CDATA[and burn what could be reused.]]></edu>
  <edu id="e4"><![CDATA[We should separate our rubbish!]]></edu>
  <adu id="a1" type="opp"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/><adu id="a4" type="pro"/>
  <edge id="c5" src="e1" trg="a1" type="seg"/><edge id="c6" src="e2" trg="a2" type="seg"/>
  <edge id="c7" src="e3" trg="a3" type="seg"/><edge id="c8" src="e4" trg="a4" type="seg"/>
  <edge id="c1" src="a1" trg="a4" type="reb"/>
  <edge id="c2" src="a2" trg="c1" type="und"/>
  <edge id="c3" src="a3" trg="c2" type="add"/>
</arggraph>"#;
    const TEXT: &str = "Bins are annoying. But we waste too much and burn what could be reused. We should separate our rubbish!";

    #[test]
    fn reads_spans_attachments_and_the_central_claim() {
        let dir = std::env::temp_dir().join(format!("warrant-microtext-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("micro_t.xml"), XML).unwrap();
        std::fs::write(dir.join("micro_t.txt"), TEXT).unwrap();
        let doc = read(&dir.join("micro_t.xml")).unwrap();
        assert_eq!(doc.adus.len(), 4);
        assert_eq!(
            &doc.text[doc.adus[0].start..doc.adus[0].end],
            "Bins are annoying."
        );
        assert_eq!(doc.central(), Some(3));
        assert_eq!(doc.adus[0].attachment, Some((3, Function::Attack)));
        // An undercutter attaches to the source of the edge it attacks; a
        // linked premise to the source of its partner's edge.
        assert_eq!(doc.adus[1].attachment, Some((0, Function::Attack)));
        assert_eq!(doc.adus[2].attachment, Some((1, Function::Support)));
    }
}
