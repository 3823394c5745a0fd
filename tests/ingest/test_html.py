"""HTML pages: the article's text and metadata kept, the site's furniture dropped."""

from __future__ import annotations

import pytest

from kirok.errors import BadInputError
from kirok.ingest import read_path
from kirok.ingest.html import parse_html

ARTICLE = (
    "A source in North Hamgyong Province said that security agents detained three traders "
    "at the Hoeryong market on the 12th for selling smuggled mobile phones from China."
)
PAGE = f"""<!doctype html>
<html><head>
<title>Three traders detained in Hoeryong | Example Daily</title>
<meta property="og:title" content="Three traders detained in Hoeryong">
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2021-06-15T08:30:00+09:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About us</a></nav>
<article>
<h1>Three traders detained in Hoeryong</h1>
<p>{ARTICLE}</p>
<p>The agents took the phones and searched the traders' homes the same night, the source added.</p>
</article>
<div class="share-buttons">Share on Facebook Share on Twitter Copy link</div>
<section id="comments"><h3>Leave a comment</h3><form><textarea name="c"></textarea>
<button>Post comment</button></form></section>
<aside class="related"><h3>Related articles</h3><ul>
<li><a href="/a">Two women executed in Hyesan for smuggling</a></li>
<li><a href="/b">Campaign against foreign films launched nationwide</a></li></ul></aside>
<footer>Copyright Example Daily. All rights reserved.</footer>
</body></html>"""


def test_main_text_and_metadata_are_kept():
    page = parse_html(PAGE)
    assert ARTICLE in page.text
    assert page.title == "Three traders detained in Hoeryong"
    assert page.sitename == "Example Daily"
    assert page.date == "2021-06-15"


@pytest.mark.parametrize(
    "boilerplate",
    ["Share on Facebook", "Leave a comment", "Post comment", "Two women executed in Hyesan",
     "Campaign against foreign films", "All rights reserved", "About us"],
)
def test_boilerplate_is_dropped(boilerplate):
    assert boilerplate not in parse_html(PAGE).text


def test_stored_text_is_what_the_page_reader_returns(write_report):
    report = read_path(write_report("page.html", PAGE))
    assert report.text == parse_html(PAGE).text
    assert report.format == "html"
    assert report.title == "Three traders detained in Hoeryong"
    assert report.outlet == "Example Daily"
    assert (report.published, report.published_from) == ("2021-06-15", "metadata")


def test_text_without_tags_is_malformed_html():
    with pytest.raises(BadInputError, match="malformed HTML: no HTML tags"):
        parse_html("just a sentence with no markup at all")


def test_a_page_without_article_text_is_malformed_html():
    with pytest.raises(BadInputError, match="malformed HTML: no article text"):
        parse_html("<html><head><title>x</title></head><body><div></div></body></html>")


def test_an_element_with_absurdly_many_attributes_is_refused_before_parsing():
    # parsing 80,000 attributes on one element took minutes: counted first, refused at once
    attributes = " ".join(f'data-x{i}="{i}"' for i in range(80_000))
    page = f"<html><body><div {attributes}>x</div><p>{ARTICLE}</p></body></html>"
    with pytest.raises(BadInputError, match="80,000 attributes"):
        parse_html(page)


def test_a_long_attribute_value_is_not_counted_as_attributes():
    # a page's data in one attribute (JSON, srcset lists) is long, yet one attribute
    data = " ".join(f"item{i} = {i}" for i in range(5000))
    page = f'<html><body><div data-props="{data}">x</div><p>{ARTICLE}</p></body></html>'
    assert ARTICLE in parse_html(page).text
