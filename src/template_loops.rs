//! Loops in a theme's templates that would never end: a template that
//! includes itself (or two that include each other), a macro that calls
//! itself, each on a path that no `if` or `for` guards. Found when the
//! theme loads, so `check` reports them as `build` does; recursion under
//! a condition is bounded while rendering (the vendored Tera's nesting
//! limit) instead.

use std::collections::{BTreeMap, BTreeSet};

use tera::Template;
use tera::ast::{Expr, ExprVal, Node};

/// What a template or macro calls on every rendering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    /// A template, by name.
    Template(String),
    /// A macro: the template that defines it, and its name.
    Macro(String, String),
}

impl Callee {
    fn describe(&self) -> String {
        match self {
            Callee::Template(name) => format!("`{name}`"),
            Callee::Macro(file, name) => format!("the macro `{name}` of `{file}`"),
        }
    }

    /// The template whose text holds it.
    fn file(&self) -> &str {
        match self {
            Callee::Template(name) | Callee::Macro(name, _) => name,
        }
    }
}

/// A loop: the template it is in, and the calls around it
/// (`a.html → b.html → a.html`).
#[derive(Debug, PartialEq, Eq)]
pub struct Loop {
    pub template: String,
    pub path: String,
    /// What to look for in the template's text to find the loop's line.
    pub needle: String,
}

/// Every loop in `templates`, one per template it passes through first,
/// in name order.
pub fn find<'t>(templates: impl IntoIterator<Item = &'t Template>) -> Vec<Loop> {
    let mut calls: BTreeMap<Callee, BTreeSet<Callee>> = BTreeMap::new();
    for template in templates {
        let imports: BTreeMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let scope = Scope {
            file: &template.name,
            imports: &imports,
        };
        let mut found = BTreeSet::new();
        scope.nodes(&template.ast, &mut found);
        calls.insert(Callee::Template(template.name.clone()), found);
        for (name, definition) in &template.macros {
            let mut found = BTreeSet::new();
            scope.nodes(&definition.body, &mut found);
            calls.insert(Callee::Macro(template.name.clone(), name.clone()), found);
        }
    }
    let mut loops = Vec::new();
    let mut reported: BTreeSet<Callee> = BTreeSet::new();
    for start in calls.keys() {
        if reported.contains(start) {
            continue;
        }
        if let Some(path) = cycle_from(start, &calls) {
            reported.extend(path.iter().cloned());
            let names: Vec<String> = path.iter().map(Callee::describe).collect();
            let needle = match &path[1 % path.len()] {
                Callee::Template(name) => name.clone(),
                Callee::Macro(_, name) => format!("{name}("),
            };
            loops.push(Loop {
                template: start.file().to_string(),
                path: format!("{} → {}", names.join(" → "), start.describe()),
                needle,
            });
        }
    }
    loops
}

/// The calls from `start` that lead back to it, if any (`start` first).
fn cycle_from(start: &Callee, calls: &BTreeMap<Callee, BTreeSet<Callee>>) -> Option<Vec<Callee>> {
    // Depth first, each callee visited once.
    let mut seen = BTreeSet::new();
    let mut path = vec![start.clone()];
    fn walk(
        at: &Callee,
        start: &Callee,
        calls: &BTreeMap<Callee, BTreeSet<Callee>>,
        seen: &mut BTreeSet<Callee>,
        path: &mut Vec<Callee>,
    ) -> bool {
        for next in calls.get(at).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, calls, seen, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    walk(start, start, calls, &mut seen, &mut path).then_some(path)
}

/// Where names resolve: the template a body belongs to and its imports.
struct Scope<'a> {
    file: &'a str,
    imports: &'a BTreeMap<&'a str, &'a str>,
}

impl Scope<'_> {
    /// What `nodes` call on every rendering: not inside `if` or `for`.
    fn nodes(&self, nodes: &[Node], found: &mut BTreeSet<Callee>) {
        for node in nodes {
            match node {
                Node::Include(_, names, _) => {
                    // With several names, the first that exists is taken.
                    if let [name] = names.as_slice() {
                        found.insert(Callee::Template(name.clone()));
                    }
                }
                Node::VariableBlock(_, expr) => self.expr(expr, found),
                Node::Set(_, set) => self.expr(&set.value, found),
                Node::FilterSection(_, section, _) => self.nodes(&section.body, found),
                Node::Block(_, block, _) => self.nodes(&block.body, found),
                Node::If(condition, _) => {
                    // The first condition is always evaluated.
                    if let Some((_, expr, _)) = condition.conditions.first() {
                        self.expr(expr, found);
                    }
                }
                Node::Forloop(_, for_loop, _) => self.expr(&for_loop.container, found),
                _ => {}
            }
        }
    }

    fn expr(&self, expr: &Expr, found: &mut BTreeSet<Callee>) {
        for filter in &expr.filters {
            filter.args.values().for_each(|e| self.expr(e, found));
        }
        self.value(&expr.val, found);
    }

    fn value(&self, value: &ExprVal, found: &mut BTreeSet<Callee>) {
        match value {
            ExprVal::MacroCall(call) => {
                let file = match call.namespace.as_str() {
                    "self" => Some(self.file),
                    namespace => self.imports.get(namespace).copied(),
                };
                if let Some(file) = file {
                    found.insert(Callee::Macro(file.to_string(), call.name.clone()));
                }
                call.args.values().for_each(|e| self.expr(e, found));
            }
            ExprVal::FunctionCall(call) => call.args.values().for_each(|e| self.expr(e, found)),
            ExprVal::Math(m) => [&m.lhs, &m.rhs].iter().for_each(|e| self.expr(e, found)),
            ExprVal::Logic(l) => self.expr(&l.lhs, found),
            ExprVal::In(i) => [&i.lhs, &i.rhs].iter().for_each(|e| self.expr(e, found)),
            ExprVal::Test(t) => t.args.iter().for_each(|e| self.expr(e, found)),
            ExprVal::Array(items) => items.iter().for_each(|e| self.expr(e, found)),
            ExprVal::StringConcat(c) => c.values.iter().for_each(|v| self.value(v, found)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loops(templates: &[(&str, &str)]) -> Vec<String> {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        let mut all: Vec<&Template> = tera.templates.values().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        find(all)
            .into_iter()
            .map(|l| format!("{}: {}", l.template, l.path))
            .collect()
    }

    #[test]
    fn unguarded_loops_are_found_and_guarded_ones_are_not() {
        assert_eq!(
            loops(&[("a.html", "x{% include \"a.html\" %}")]),
            ["a.html: `a.html` → `a.html`"]
        );
        assert_eq!(
            loops(&[
                ("a.html", "{% include \"b.html\" %}"),
                ("b.html", "{% include \"a.html\" %}"),
                ("c.html", "{% include \"b.html\" %}"),
            ]),
            ["a.html: `a.html` → `b.html` → `a.html`"]
        );
        assert_eq!(
            loops(&[("m.html", "{% macro m(n) %}{{ self::m(n=n) }}{% endmacro %}")]),
            ["m.html: the macro `m` of `m.html` → the macro `m` of `m.html`"]
        );
        // Imported under a namespace, and through a filter's argument.
        assert_eq!(
            loops(&[
                (
                    "p.html",
                    "{% import \"q.html\" as q %}{% macro p() %}{{ 1 | default(value=q::q()) }}{% endmacro %}"
                ),
                (
                    "q.html",
                    "{% import \"p.html\" as p %}{% macro q() %}{{ p::p() }}{% endmacro %}"
                ),
            ]),
            [
                "p.html: the macro `p` of `p.html` → the macro `q` of `q.html` → the macro `p` of `p.html`"
            ]
        );
        // A tree drawn by a macro that stops at the leaves is no loop.
        assert!(
            loops(&[(
                "t.html",
                "{% macro t(n) %}{% for c in n.children %}{{ self::t(n=c) }}{% endfor %}{% if n.more %}{{ self::t(n=n.more) }}{% endif %}{% endmacro %}{% include \"u.html\" %}"
            ), ("u.html", "{% macro u() %}{% endmacro %}")])
            .is_empty()
        );
    }
}
