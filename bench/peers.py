#!/usr/bin/env python3
"""Makes the peers' equivalent of a hromada corpus, for bench/compare: a Hugo
site and a Zola site with the same passports as front matter (the passport's
YAML as it is, under `p`), in both languages (uk at the root, en under /en/),
and templates that render the same tables hromada's passport page does
(population, both age structures, settlements, social groups, economy,
access, administrative services, governance, education, providers,
services, risks, the survey's four tables, the plan's measures, sources:
20 tables), plus the home page's table of every community.

Usage: bench/peers.py CORPUS OUT   (writes OUT/hugo and OUT/zola)
"""

import pathlib
import shutil
import sys

corpus, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
passports = sorted((corpus / "content/passports").glob("*.yaml"))

# Sections shown as a table of `key: value` rows, and lists of records
# shown as a table with one row each, as on hromada's passport page.
FACTS = ["social_groups", "economy", "access", "administrative_services",
         "governance", "education_culture"]
LISTS = {
    "population.age": ["band", "female", "male"],
    "population.idp_age": ["band", "female", "male"],
    "settlements": ["name", "kind", "population", "distance_km"],
    "social_services.providers": ["name", "kind", "staff"],
    "social_services.services": ["code", "name", "recipients"],
    "risks": ["title", "area", "severity", "note"],
}
SURVEY_MAPS = ["age", "income", "channels"]


def front_matter(path, extra_key):
    """The passport's YAML nested under `p` (and, for Zola, under `extra`)."""
    text = path.read_text(encoding="utf-8")
    name = next(l for l in text.splitlines() if l.startswith("name:"))[5:].strip()
    indent = "    " if extra_key else "  "
    body = "\n".join(indent + l if l.strip() else l for l in text.splitlines())
    head = f"title: {name!r}\n" if "'" not in name else f'title: "{name}"\n'
    if extra_key:
        return f"---\n{head}extra:\n  p:\n{body}\n---\n"
    return f"---\n{head}p:\n{body}\n---\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- Hugo
def hugo_get(path):
    parts = path.split(".")
    return "$p" + "".join(f".{p}" for p in parts)


def hugo_templates():
    facts = "".join(
        f"""{{{{ with $p.{s} }}}}<section><h2>{s}</h2><table><caption>{s}</caption>
{{{{ range $k, $v := . }}}}<tr><th>{{{{ $k }}}}</th><td>{{{{ $v }}}}</td></tr>{{{{ end }}}}</table></section>{{{{ end }}}}
""" for s in FACTS)
    lists = "".join(
        f"""{{{{ with {hugo_get(path)} }}}}<section><h2>{path}</h2><table><caption>{path}</caption>
<tr>{"".join(f"<th>{c}</th>" for c in cols)}</tr>
{{{{ range . }}}}<tr>{"".join(f"<td>{{{{ .{c} }}}}</td>" for c in cols)}</tr>{{{{ end }}}}</table></section>{{{{ end }}}}
""" for path, cols in LISTS.items())
    survey = "".join(
        f"""{{{{ with $p.survey.{m} }}}}<table><caption>survey {m}</caption>
{{{{ range $k, $v := . }}}}<tr><th>{{{{ $k }}}}</th><td>{{{{ $v }}}}%</td></tr>{{{{ end }}}}</table>{{{{ end }}}}
""" for m in SURVEY_MAPS)
    single = f"""{{{{ define "main" }}}}{{{{ $p := .Params.p }}}}
<h1>{{{{ $p.name }}}}</h1>
<p>{{{{ $p.oblast }}}} · {{{{ $p.raion }}}} · {{{{ $p.as_of }}}}</p>
<table><caption>population</caption>
<tr><th>residents</th><td>{{{{ $p.population.residents }}}}</td></tr>
<tr><th>idps</th><td>{{{{ $p.population.idps }}}}</td></tr>
<tr><th>idp share</th><td>{{{{ with $p.population.idps }}}}{{{{ printf "%.1f" (div (mul 100.0 .) $p.population.residents) }}}}%{{{{ end }}}}</td></tr>
<tr><th>female</th><td>{{{{ $p.population.female }}}}</td></tr>
<tr><th>male</th><td>{{{{ $p.population.male }}}}</td></tr></table>
{lists}{facts}{{{{ with $p.survey }}}}<section><h2>survey</h2>
<p>{{{{ .period }}}} · {{{{ .respondents }}}} · {{{{ .female_pct }}}}%</p>
{survey}<table><caption>top services</caption>{{{{ range $i, $s := .top_services }}}}<tr><td>{{{{ add $i 1 }}}}</td><td>{{{{ $s }}}}</td></tr>{{{{ end }}}}</table></section>{{{{ end }}}}
{{{{ with $p.plan }}}}<section><h2>plan {{{{ .period }}}}</h2><table><caption>measures</caption>
<tr><th>direction</th><th>goal</th><th>measure</th><th>year</th><th>cost</th><th>funding</th><th>status</th></tr>
{{{{ range .directions }}}}{{{{ $d := .title }}}}{{{{ range .goals }}}}{{{{ $g := .title }}}}{{{{ range .measures }}}}<tr><td>{{{{ $d }}}}</td><td>{{{{ $g }}}}</td><td>{{{{ .title }}}}</td><td>{{{{ .year }}}}</td><td>{{{{ .cost_uah }}}}</td><td>{{{{ .funding }}}}</td><td>{{{{ .status }}}}</td></tr>{{{{ end }}}}{{{{ end }}}}{{{{ end }}}}
</table></section>{{{{ end }}}}
<section><h2>sources</h2><ul>{{{{ range $p.sources }}}}<li>{{{{ . }}}}</li>{{{{ end }}}}</ul></section>
{{{{ end }}}}"""
    base = """<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ .Site.Home.RelPermalink }}">home</a>{{ range .Translations }} <a href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
    index = """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<table><caption>communities</caption><tr><th>community</th><th>oblast</th><th>type</th><th>residents</th><th>idps</th></tr>
{{ range where .Site.RegularPages "Section" "passports" }}{{ $p := .Params.p }}<tr><td><a href="{{ .RelPermalink }}">{{ $p.name }}</a></td><td>{{ $p.oblast }}</td><td>{{ $p.type }}</td><td>{{ $p.population.residents }}</td><td>{{ $p.population.idps }}</td></tr>
{{ end }}</table>{{ end }}"""
    return {"layouts/_default/baseof.html": base, "layouts/index.html": index,
            "layouts/passports/single.html": single,
            "layouts/_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}',
            "layouts/_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}'}


def hugo():
    site = out / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    write(site / "hugo.toml", """baseURL = "https://example.org/"
title = "Passports"
defaultContentLanguage = "uk"
[languages.uk]
weight = 1
[languages.en]
weight = 2
""")
    for name, text in hugo_templates().items():
        write(site / name, text)
    for path in passports:
        fm = front_matter(path, extra_key=False)
        write(site / f"content/passports/{path.stem}.md", fm)
        write(site / f"content/passports/{path.stem}.en.md", fm)


# ---------------------------------------------------------------- Zola
def zola_templates():
    facts = "".join(
        f"""{{% if p.{s} %}}<section><h2>{s}</h2><table><caption>{s}</caption>
{{% for k, v in p.{s} %}}<tr><th>{{{{ k }}}}</th><td>{{{{ v }}}}</td></tr>{{% endfor %}}</table></section>{{% endif %}}
""" for s in FACTS)
    lists = "".join(
        f"""{{% if p.{path} %}}<section><h2>{path}</h2><table><caption>{path}</caption>
<tr>{"".join(f"<th>{c}</th>" for c in cols)}</tr>
{{% for r in p.{path} %}}<tr>{"".join(f"<td>{{{{ r.{c} | default(value='') }}}}</td>" for c in cols)}</tr>{{% endfor %}}</table></section>{{% endif %}}
""" for path, cols in LISTS.items())
    survey = "".join(
        f"""{{% if s.{m} %}}<table><caption>survey {m}</caption>
{{% for k, v in s.{m} %}}<tr><th>{{{{ k }}}}</th><td>{{{{ v }}}}%</td></tr>{{% endfor %}}</table>{{% endif %}}
""" for m in SURVEY_MAPS)
    page = f"""{{% extends "base.html" %}}{{% block main %}}{{% set p = page.extra.p %}}
<h1>{{{{ p.name }}}}</h1>
<p>{{{{ p.oblast }}}} · {{{{ p.raion | default(value='') }}}} · {{{{ p.as_of }}}}</p>
<table><caption>population</caption>
<tr><th>residents</th><td>{{{{ p.population.residents }}}}</td></tr>
<tr><th>idps</th><td>{{{{ p.population.idps | default(value='') }}}}</td></tr>
<tr><th>idp share</th><td>{{% if p.population.idps %}}{{% set share = p.population.idps * 100 / p.population.residents %}}{{{{ share | round(precision=1) }}}}%{{% endif %}}</td></tr>
<tr><th>female</th><td>{{{{ p.population.female | default(value='') }}}}</td></tr>
<tr><th>male</th><td>{{{{ p.population.male | default(value='') }}}}</td></tr></table>
{lists}{facts}{{% if p.survey %}}{{% set s = p.survey %}}<section><h2>survey</h2>
<p>{{{{ s.period | default(value='') }}}} · {{{{ s.respondents | default(value='') }}}} · {{{{ s.female_pct | default(value='') }}}}%</p>
{survey}<table><caption>top services</caption>{{% for t in s.top_services | default(value=[]) %}}<tr><td>{{{{ loop.index }}}}</td><td>{{{{ t }}}}</td></tr>{{% endfor %}}</table></section>{{% endif %}}
{{% if p.plan %}}<section><h2>plan {{{{ p.plan.period }}}}</h2><table><caption>measures</caption>
<tr><th>direction</th><th>goal</th><th>measure</th><th>year</th><th>cost</th><th>funding</th><th>status</th></tr>
{{% for d in p.plan.directions %}}{{% for g in d.goals %}}{{% for m in g.measures %}}<tr><td>{{{{ d.title }}}}</td><td>{{{{ g.title }}}}</td><td>{{{{ m.title }}}}</td><td>{{{{ m.year | default(value='') }}}}</td><td>{{{{ m.cost_uah | default(value='') }}}}</td><td>{{{{ m.funding | default(value='') }}}}</td><td>{{{{ m.status | default(value='') }}}}</td></tr>{{% endfor %}}{{% endfor %}}{{% endfor %}}
</table></section>{{% endif %}}
<section><h2>sources</h2><ul>{{% for s in p.sources | default(value=[]) %}}<li>{{{{ s }}}}</li>{{% endfor %}}</ul></section>
{{% endblock main %}}"""
    base = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{% if page %}{{ page.title }}{% else %}{{ config.title }}{% endif %}</title></head>
<body><nav><a href="{{ get_url(path='/', lang=lang) }}">home</a>{% if page %}{% for t in page.translations %} <a href="{{ t.permalink }}">{{ t.lang }}</a>{% endfor %}{% endif %}</nav>
<main>{% block main %}{% endblock main %}</main></body></html>
"""
    index = """{% extends "base.html" %}{% block main %}<h1>{{ config.title }}</h1>
{% if lang == "uk" %}{% set s = get_section(path="passports/_index.md") %}{% else %}{% set s = get_section(path="passports/_index.en.md") %}{% endif %}
<table><caption>communities</caption><tr><th>community</th><th>oblast</th><th>type</th><th>residents</th><th>idps</th></tr>
{% for pg in s.pages %}{% set p = pg.extra.p %}<tr><td><a href="{{ pg.permalink }}">{{ p.name }}</a></td><td>{{ p.oblast }}</td><td>{{ p.type }}</td><td>{{ p.population.residents }}</td><td>{{ p.population.idps | default(value='') }}</td></tr>
{% endfor %}</table>{% endblock main %}"""
    section = """{% extends "base.html" %}{% block main %}<h1>{{ section.title }}</h1>{% endblock main %}"""
    return {"templates/base.html": base, "templates/index.html": index,
            "templates/page.html": page, "templates/section.html": section}


def zola():
    site = out / "zola"
    shutil.rmtree(site, ignore_errors=True)
    write(site / "config.toml", """base_url = "https://example.org"
title = "Passports"
default_language = "uk"
build_search_index = false
[languages.en]
""")
    for name, text in zola_templates().items():
        write(site / name, text)
    write(site / "content/passports/_index.md", "+++\ntitle = \"Паспорти\"\n+++\n")
    write(site / "content/passports/_index.en.md", "+++\ntitle = \"Passports\"\n+++\n")
    for path in passports:
        fm = front_matter(path, extra_key=True)
        write(site / f"content/passports/{path.stem}.md", fm)
        write(site / f"content/passports/{path.stem}.en.md", fm)


hugo()
zola()
print(f"{len(passports)} passports → {out}/hugo, {out}/zola")
