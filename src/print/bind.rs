//! Binding finished PDFs into another: a layout leaves an empty page for
//! each page to bind in (`bound-pages` in print.typ marks it with
//! `<hromada-bound>` metadata naming the file and its page), and the binder
//! puts that page there as the bound PDF prints it, objects copied, not
//! laid out again. The slot keeps its page object, so the layout's contents
//! links and bookmarks to it land on the bound page.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Document, Object, ObjectId};
use typst::foundations::{Label, Repr, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The label a layout's slot for a bound page carries.
const LABEL: &str = "hromada-bound";

/// One empty page of the layout that a page of another PDF fills.
#[derive(Debug)]
pub struct Slot {
    /// The slot's page in the layout's document, from 1.
    pub page: usize,
    /// The PDF to bind in, by its path in the job's files.
    pub file: String,
    /// Which of its pages, from 1.
    pub source_page: usize,
}

/// The slots a typeset document marks, in page order.
pub fn slots(document: &PagedDocument) -> Result<Vec<Slot>, String> {
    let introspector = document.introspector();
    let selector = Selector::Label(Label::new(PicoStr::intern(LABEL)).ok_or("no label")?);
    let mut slots = Vec::new();
    for content in introspector.query(&selector) {
        let Some(meta) = content.to_packed::<MetadataElem>() else {
            return Err(format!("<{LABEL}> must label a metadata element"));
        };
        let page = content
            .location()
            .and_then(|l| introspector.page(l))
            .map_or(0, |p| p.get());
        let field = |key: &str| match &meta.value {
            Value::Dict(d) => d.get(key).ok().cloned(),
            _ => None,
        };
        let (Some(Value::Str(file)), Some(Value::Int(source_page))) =
            (field("file"), field("page"))
        else {
            return Err(format!(
                "<{LABEL}> metadata must be `(file: \"…\", page: n)`, found {}",
                meta.value.repr()
            ));
        };
        slots.push(Slot {
            page,
            file: file.to_string(),
            source_page: usize::try_from(source_page).unwrap_or(0),
        });
    }
    slots.sort_by_key(|s| s.page);
    Ok(slots)
}

/// The layout's PDF (`front`) with each slot's page replaced by the page
/// it names of the PDFs in `files` (by path in the layout, with bytes).
pub fn bind(front: &[u8], slots: &[Slot], files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut doc =
        Document::load_mem(front).map_err(|e| format!("cannot read the layout's PDF: {e}"))?;
    let pages = doc.get_pages();
    let mut slots_of: BTreeMap<&str, Vec<&Slot>> = BTreeMap::new();
    for s in slots {
        slots_of.entry(s.file.as_str()).or_default().push(s);
    }
    // Each file once, in the order of its first slot, so that the bound
    // objects' ids follow the pages.
    let mut order: Vec<&str> = slots_of.keys().copied().collect();
    order.sort_by_key(|f| slots_of[f][0].page);
    for file in order {
        let bytes = files
            .iter()
            .find(|(path, _)| path == file)
            .map(|(_, bytes)| bytes)
            .ok_or_else(|| {
                format!("a slot names `{file}`, which is not one of the PDFs to bind")
            })?;
        let source = Document::load_mem(bytes).map_err(|e| format!("cannot read {file}: {e}"))?;
        let source_pages = source.get_pages();
        // Source ids after the layout's; bound pages take their slots' ids.
        let offset = doc.max_id;
        let mut ids: HashMap<ObjectId, ObjectId> = source
            .objects
            .keys()
            .map(|id| (*id, (id.0 + offset, id.1)))
            .collect();
        let mut targets = HashSet::new();
        for s in &slots_of[file] {
            let target = *pages
                .get(&(s.page as u32))
                .ok_or_else(|| format!("the slot on page {} is not a page", s.page))?;
            let page = *source_pages.get(&(s.source_page as u32)).ok_or_else(|| {
                format!(
                    "{file} has {} pages, not {}",
                    source_pages.len(),
                    s.source_page
                )
            })?;
            ids.insert(page, target);
            targets.insert(target);
        }
        doc.max_id = offset + source.max_id;
        let new_id = |id: ObjectId| ids.get(&id).copied().unwrap_or(id);
        for (id, mut object) in source.objects {
            remap(&mut object, &new_id);
            let id = new_id(id);
            if targets.contains(&id)
                && let (Some(slot), Object::Dictionary(page)) = (doc.objects.get(&id), &mut object)
            {
                // The bound page takes the slot's place in the layout's
                // page tree; its own structure tree is not bound in.
                if let Ok(parent) = slot.as_dict().and_then(|d| d.get(b"Parent")) {
                    page.set("Parent", parent.clone());
                }
                page.remove(b"StructParents");
            }
            doc.objects.insert(id, object);
        }
    }
    // What only the slots or the bound PDFs' own catalogs used.
    doc.prune_objects();
    // The trailer's /Size counts up to the highest id left.
    doc.max_id = doc.objects.keys().next_back().map_or(0, |id| id.0);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write the bound PDF: {e}"))?;
    Ok(out)
}

/// Every reference in `object` renamed by `id`.
fn remap(object: &mut Object, id: &impl Fn(ObjectId) -> ObjectId) {
    match object {
        Object::Reference(r) => *r = id(*r),
        Object::Array(items) => items.iter_mut().for_each(|o| remap(o, id)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| remap(o, id)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| remap(o, id)),
        _ => {}
    }
}
