"""Finding reference sections and cutting them into entries, on hand-written fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.ingest import parse, reader, reflist
from tests.support.paths import FIXTURES

ARTICLES = FIXTURES / "articles"


def _entries(name: str) -> list[reflist.Entry]:
    return reflist.extract(reader.read_document(ARTICLES / name).text)


def test_heading_variants_are_recognised() -> None:
    for heading in ["Sources", "12 Sources", "References", "Bibliography", "Works Cited", "Citations",
                    "## References", "REFERENCES:", "12 SourcesVerywell Health uses only high-quality sources."]:
        assert reflist.HEADING.match(heading), heading
    for prose in ["Sources of stress vary.", "References to the war are common.", "Source: psychology10.click"]:
        assert not reflist.HEADING.match(prose), prose
    # Other languages a health page may be written in.
    for heading in ["Referencias bibliográficas", "Bibliografía", "BIBLIOGRAFIA", "Fuentes:", "Referências",
                    "Références", "Bibliographie", "Riferimenti bibliografici", "Literaturverzeichnis",
                    "Einzelnachweise", "Quellen"]:
        assert reflist.HEADING.match(heading), heading
    assert not reflist.HEADING.match("Literatura y sueño en la obra de Borges.")
    # A news page's one study ("Journal Reference:").
    for heading in ["Journal Reference:", "Journal references"]:
        assert reflist.HEADING.match(heading), heading
    assert not reflist.HEADING.match("Reference ranges differ between laboratories.")
    # With the permalink mark a documentation site puts after a heading, copied with it.
    for heading in ["References¶", "Bibliography ¶", "Sources §"]:
        assert reflist.HEADING.match(heading), heading


def test_a_journal_pages_back_links_and_link_buttons_take_no_place_in_its_list() -> None:
    # As a journal's page (BMJ, HighWire) prints its list when copied: "↵" back-links, and link buttons
    # on their own lines (real works, written out for this test).
    text = (
        "Trials stopped early overestimate benefits by a median of 29%.2,3\n"
        "References\n↵\nGuyatt GH, Oxman AD, Vist GE, et al. GRADE: an emerging consensus on rating quality of "
        "evidence and strength of recommendations. BMJ 2008;336:924-6. doi:10.1136/bmj.39489.470347.AD\n"
        "CrossRefPubMedWeb of ScienceGoogle Scholar\n↵\n"
        "Bassler D, Briel M, Montori VM, et al. Stopping randomized trials early for benefit and estimation of "
        "treatment effects: systematic review and meta-regression analysis. JAMA 2010;303:1180-7.\n"
        "CrossRefPubMedWeb of ScienceGoogle Scholar\n↵\n"
        "Montori VM, Devereaux PJ, Adhikari NK, et al. Randomized trials stopped early for benefit: a systematic "
        "review. JAMA 2005;294:2203-9.\nCrossRefPubMedGoogle Scholar\n"
    )
    entries = reflist.locate(text).entries
    assert [(e.position, e.text[:8]) for e in entries] == [(1, "Guyatt G"), (2, "Bassler "), (3, "Montori ")]
    # A pharmacy page's "External Link" under each entry is such a button.
    text = ("Pantoprazole reduces stomach acid.\nReferences\nTripathi KD. Drugs for peptic ulcer and "
            "gastroesophageal reflux disease. In: Essentials of Medical Pharmacology. 7th ed. New Delhi: Jaypee "
            "Brothers; 2013. pp. 649-55.\nExternal Link\nWallace JL, Sharkey KA. Pharmacotherapy of gastric "
            "acidity, peptic ulcers, and gastroesophageal reflux disease. In: Goodman & Gilman's The "
            "Pharmacological Basis of Therapeutics. 12th ed. New York: McGraw-Hill; 2011. pp. 1309-22.\n"
            "External Link\n")
    assert [(e.position, e.text[:8]) for e in reflist.locate(text).entries] == [(1, "Tripathi"), (2, "Wallace ")]


def test_harvard_entries_with_quoted_titles_and_no_doi_are_references() -> None:
    # Harvard as British universities teach it: the title in single quotes, the rest after commas (real works,
    # written out for this test).
    text = (
        "Most people with depression score between 50 and 69 (Zung, 1972).\n"
        "References\n"
        "Zung, W.W.K. (1965) 'A self-rating depression scale', Archives of General Psychiatry, 12(1), pp. 63–70. "
        "doi:10.1001/archpsyc.1965.01720310065008.\n"
        "Zung, W.W.K. (1972) 'The Depression Status Inventory: an adjunct to the Self-Rating Depression Scale', "
        "Journal of Clinical Psychology, 28(4), pp. 539–543.\n"
    )
    entries = reflist.locate(text).entries
    assert [parse.parse(e.text).title for e in entries] == [
        "A self-rating depression scale",
        "The Depression Status Inventory: an adjunct to the Self-Rating Depression Scale"]


def test_a_readmes_research_section_is_its_list_only_when_every_line_is_a_reference() -> None:
    # A project's README listing the papers it rests on under "## Research" (real works, written out for this
    # test); the same heading over prose holds no list.
    listed = (
        "Phone use predicted symptom severity (Saeb et al., 2015).\n## Research\n"
        "- Saeb S, Zhang M, Karr CJ, et al. Mobile phone sensor correlates of depressive symptom severity in "
        "daily-life behavior: an exploratory study. J Med Internet Res. 2015;17(7):e175.\n"
        "- Wang R, Chen F, Chen Z, et al. StudentLife: assessing mental health, academic performance and "
        "behavioral trends of college students using smartphones. UbiComp 2014. doi:10.1145/2632048.2632054\n"
    )
    section = reflist.locate(listed)
    assert section.start_line == 1 and [e.text[:6] for e in section.entries] == ["Saeb S", "Wang R"]
    prose = ("## Research\nOur research builds on phone sensing (Saeb et al., 2015), as Wang R, Chen F (2014) did.\n"
             "We thank the volunteers.\n")
    assert reflist.locate(prose).entries == []


def test_a_numbered_list_printed_on_the_headings_line_is_cut_at_its_numbers() -> None:
    # As a clinical reference page prints it (real works, written out for this test).
    text = (
        "Lifetime prevalence is about 16% [1]. Women are affected about twice as often as men [2].\n"
        "References: 1. Kessler RC, Berglund P, Demler O, et al. The epidemiology of major depressive disorder. "
        "JAMA. 2003;289(23):3095-3105. 2. Kuehner C. Why is depression more common among women than among men? "
        "Lancet Psychiatry. 2017;4(2):146-158.\n"
    )
    entries = reflist.locate(text).entries
    assert [(e.number, e.text[:10]) for e in entries] == [(1, "Kessler RC"), (2, "Kuehner C.")]
    assert reflist.HEADING.match("References: 1. Kessler RC") and not reflist.HEADING.match("References 2 and 3")


def test_list_numbers_on_their_own_lines_label_the_entries_below_them() -> None:
    # Laid out as docutils prints footnotes: the label, then the entry (works from the PHQ-9 literature,
    # written for this test).
    text = (
        "In primary care, 6% screened positive [2].\n"
        "References\n[1]\nKroenke K, Spitzer RL, Williams JB (2001). The PHQ-9: validity of a brief depression "
        "severity measure. J Gen Intern Med 16: 606-613.\n"
        "2\n\nSpitzer RL, Kroenke K, Williams JB (1999). Validation and utility of a self-report version of "
        "PRIME-MD: the PHQ primary care study. JAMA 282: 1737-1744.\n"
    )
    entries = reflist.locate(text).entries
    assert [(e.number, e.position, e.text[:10]) for e in entries] == [(1, 1, "Kroenke K,"), (2, 2, "Spitzer RL")]
    # A number over a heading labels nothing: the heading still ends the list.
    ended = reflist.locate(text + "3\n## Methods\nWolberg WH (1995). Breast cancer data. UCI.\n")
    assert [(e.number, e.text[-10:]) for e in ended.entries] == [(1, ": 606-613."), (2, "1737-1744.")]


def test_glued_entries_are_separated_at_dois_and_author_lists() -> None:
    line = (
        "Sources\n"
        "Dvir Y, Ford JD, Hill M, Frazier JA.Childhood maltreatment, emotional dysregulation, and psychiatric "
        "comorbidities.Harvard Review of Psychiatry. 2014;22(3):149-161. doi:10.1097/HRP.0000000000000014"
        "Grossman FK, Spinazzola J, Zucker M, Hopper E.Treating adult survivors of childhood emotional abuse and "
        "neglect: a new framework.American Journal of Orthopsychiatry. 2017;87(1):86-93. doi:10.1037/ort0000264"
    )
    entries = reflist.extract(line)
    assert [e.text[:12] for e in entries] == ["Dvir Y, Ford", "Grossman FK,"]
    assert entries[0].text.endswith("doi:10.1097/HRP.0000000000000014")


def test_glued_web_sources_split_into_organisation_and_title_pairs() -> None:
    text = (
        "References\nNational Alliance on Mental Illness.Dissociative disorders.Autism Speaks."
        "What are the symptoms of autism?Berkeley Well-Being Institute.Emotional-detachment: definition, causes, "
        "and signs.Dvir Y, Ford JD.Childhood maltreatment.Harv Rev Psychiatry. 2014;22(3):149-161."
    )
    assert [e.text for e in reflist.extract(text)] == [
        "National Alliance on Mental Illness.Dissociative disorders.",
        "Autism Speaks.What are the symptoms of autism?",
        "Berkeley Well-Being Institute.Emotional-detachment: definition, causes, and signs.",
        "Dvir Y, Ford JD.Childhood maltreatment.Harv Rev Psychiatry. 2014;22(3):149-161.",
    ]


def test_glued_harvard_entries_are_separated() -> None:
    entries = _entries("harvard_glued.txt")
    assert [e.text.split(",")[0] for e in entries] == ["Lieber", "Stravopodis", "Kuschel"]


def test_list_printed_twice_gives_each_source_once() -> None:
    entries = _entries("repeated_list.txt")
    assert len(entries) == 4
    assert [e.position for e in entries] == [1, 2, 3, 4]


def test_missing_spaces_after_periods_still_split() -> None:
    entries = _entries("repeated_list.txt")
    assert entries[1].text.startswith("Sonnentag S.Psychological detachment from work during leisure time")
    assert entries[1].text.endswith("doi:10.1177/0963721411434979")


def test_section_ends_at_page_furniture_and_next_heading() -> None:
    apa = _entries("apa_references.txt")
    assert len(apa) == 4 and not any("Share this page" in e.text for e in apa)
    md = _entries("vancouver_numbered.md")
    assert len(md) == 3 and not any("Further reading" in e.text or "other page" in e.text for e in md)


def test_numbered_entries_keep_numbers_and_wrapped_lines() -> None:
    entries = _entries("vancouver_numbered.md")
    assert [e.number for e in entries] == [1, 2, 3]
    assert "basal ganglia of mice. PLoS One. 2012;7(3):e33693" in " ".join(entries[0].text.split())


def test_list_without_heading_is_found_by_shape() -> None:
    entries = _entries("no_heading.txt")
    assert [e.number for e in entries] == [1, 2, 3]
    assert entries[2].text.startswith("Weilenmann S")


def test_prose_with_years_is_not_a_reference_list() -> None:
    text = (
        "In 2016 a study found something.\nIn 2018 another study, by Smith and colleagues, disagreed.\n"
        "By 2020 the debate had moved on.\nNobody agrees in 2024 either.\n"
    )
    assert reflist.extract(text) == []


def test_html_list_items_become_numbered_entries(tmp_path: Path) -> None:
    entries = _entries("works_cited.html")
    assert [e.number for e in entries] == [1, 2, 3]
    assert "https://doi.org/10.2147/ppa.s110632" in entries[0].text
    assert not any("Was this page helpful" in e.text for e in entries)


def test_a_name_starting_with_a_number_is_not_a_list_number() -> None:
    lines = [
        "Freyer C, Cree LM (2012). Variation in germline mtDNA heteroplasmy. Nature Genetics 44:1282.",
        "1000 Genomes Project Consortium, Abecasis GR (2010). A map of human genome variation. Nature 467:1061.",
        "Goto H, Dickins B (2011). Dynamics of mitochondrial heteroplasmy. Genome Biology 12:R59.",
        "Gray MW, Burger G, Lang BF (1999). Mitochondrial evolution. Science 283:1476–1481.",
    ]
    entries = reflist.split_entries(lines)
    assert len(entries) == 4 and entries[1].text.startswith("1000 Genomes") and entries[1].number is None


# Written for this test (the shapes of an encyclopedia page's list; the works are invented).
_NOTES_THEN_LIST = """An article about a place.

References
The anthem is used only on official occasions.[1]
Figures add to more than 100% as people could choose more than one group.
"Protocol for using the anthems". Ministry for Culture. Retrieved 17 February 2008.
"Population clock". Statistics Office. Retrieved 14 April 2016.
There is no official all-numeric date format, but day-month-year is usual.
Tasman, Abel. "Journal of a voyage". Retrieved 20 March 2008.
King 2003, p. 41.
Hay, Maclagan & Gordon 2008, p. 72.
Wilson, John (March 2009). "European discovery". Encyclopedia of the Country. Retrieved 24 January 2011.
King 2003, p. 41.
"Income inequality". Statistics Office. Retrieved 14 June 2015.
"""


def test_notes_before_the_list_are_skipped_and_items_keep_their_printed_places() -> None:
    entries = reflist.locate(_NOTES_THEN_LIST).entries
    texts = {e.position: e.text for e in entries}
    assert texts[1].startswith('"Protocol') and texts[2].startswith('"Population')
    assert 3 not in texts  # a note among the items: no source, but it keeps its place in the count
    assert texts[4].startswith("Tasman") and texts[5] == "King 2003, p. 41." and texts[6].startswith("Hay")
    assert texts[8] == "King 2003, p. 41." and texts[9].startswith('"Income')  # a lone repeat is a citation


def test_a_list_printed_twice_gives_each_entry_once() -> None:
    lines = ["Smith AB. A first title. J Test. 2001;1:1-2.", "Jones CD. A second title. J Test. 2002;2:3-4.",
             "Brown EF. A third title. J Test. 2003;3:5-6."]
    entries = reflist.split_entries(lines + lines)
    assert [e.position for e in entries] == [1, 2, 3]


def test_glued_author_year_entries_without_periods_between_them() -> None:
    # Written for this test: a PLoS-style list whose line breaks were lost ("...131–137Garton NJ, ...").
    glued = ("Chakroborty A (2011) Drug-resistant tuberculosis: an insurmountable epidemic? Inflammopharmacology "
             "19: 131–137Garton NJ, Christensen H, Minnikin DE (2002) Intracellular lipophilic inclusions of "
             "mycobacteria. Microbiology 148: 2951–2958Neyrolles O, Hernandez-Pando R, et al. (2006) Is adipose "
             "tissue a place for Mycobacterium tuberculosis persistence? Plos One 1: e43")
    entries = reflist.split_entries([glued])
    assert [e.text.split(" ")[0] for e in entries] == ["Chakroborty", "Garton", "Neyrolles"]


def test_a_name_with_an_inner_capital_is_not_a_glued_entry_head() -> None:
    # Written for this test: "McKnight SL (2012)" ends an author list; it does not start an entry.
    line = ("Han TW, Kato M, Xie S, McKnight SL (2012). Cell-free formation of RNA granules. Cell 149:768–779. "
            "doi:10.1016/j.cell.2012.04.016")
    assert [e.text for e in reflist.split_entries([line])] == [line]


def test_a_numbered_list_longer_than_9999_entries() -> None:
    lines = [f"{n}. Author{n} A. Title number {n}. J Test. 2001;1:{n}." for n in range(1, 10_006)]
    entries = reflist.split_entries(lines)
    assert len(entries) == 10_005 and entries[-1].number == 10_005 and entries[-1].text.startswith("Author10005")


# Hand-written lists in the shapes scrapers and writers produce (the works are real, the pages are not).
_WATSON = "Watson NF, Badr MS. Recommended amount of sleep for a healthy adult. Sleep. 2015;38(6):843-844."
_HIRSHKOWITZ = ("Hirshkowitz M, Whiton K. National Sleep Foundation's sleep time duration recommendations. "
                "Sleep Health. 2015;1(1):40-43.")


@pytest.mark.parametrize("heading", [
    "--- REFERENCES ---", "=== Bibliography ===", "REFERENCES", "*** Sources ***", "[References]",
    "## Literature cited", "Further reading", "Notes", "Bibliography:", "__References__", "| Works cited |",
])
@pytest.mark.parametrize("bullet", ["- ", "* ", "• ", "– ", "1. ", ""])
def test_decorated_headings_and_bullets(heading: str, bullet: str) -> None:
    number = iter(range(1, 3))
    marks = [bullet if bullet != "1. " else f"{next(number)}. " for _ in range(2)]
    text = f"Sleep and you\n\nAbout 35% of adults sleep too little.\n\n{heading}\n" \
           f"{marks[0]}{_WATSON}\n{marks[1]}{_HIRSHKOWITZ}\n"
    assert [e.text for e in reflist.extract(text)] == [_WATSON, _HIRSHKOWITZ]


def test_a_rule_or_a_word_in_prose_is_not_a_heading() -> None:
    assert not reflist.HEADING.match("--- more notes on sleep follow ---")
    assert not reflist.HEADING.match("References to sleep abound in the literature.")


@pytest.mark.parametrize("line", [f"Source: {_WATSON}", f"SOURCE: {_WATSON}", f"Sources: {_WATSON}",
                                  f"Adapted from: {_WATSON}", f"Adapted with permission from {_WATSON}"])
def test_a_single_source_line(line: str) -> None:
    text = f"Sleep\n\nAbout 35% of adults sleep too little.\n\n{line}\n"
    assert [e.text for e in reflist.extract(text)] == [_WATSON]


def test_a_parenthetical_source_after_a_definition() -> None:
    text = ("Stress\n\nStress is a state of worry caused by a difficult situation (SOURCE: World Health "
            "Organization. Stress. 2023. https://www.who.int/news-room/questions-and-answers/item/stress).\n")
    [entry] = reflist.extract(text)
    assert entry.text.startswith("World Health Organization. Stress. 2023.")


def test_a_source_line_is_not_taken_when_a_list_exists() -> None:
    text = (f"Sleep\n\nA chart.\nSource: CDC data, 2020.\n\nReferences\n1. {_WATSON}\n2. {_HIRSHKOWITZ}\n")
    assert [e.text for e in reflist.extract(text)] == [_WATSON, _HIRSHKOWITZ]


def test_prose_mentioning_a_source_is_not_a_source() -> None:
    text = "Sleep\n\nThe source of the data was a survey of adults in 2015.\nSources say sleep matters.\n"
    assert reflist.extract(text) == []


def test_link_buttons_after_entries_are_furniture() -> None:
    text = ("Sleep\n\nAdults need sleep [1].\n\nReferences\n"
            f"1. {_WATSON}PubMedGoogle Scholar\n2. {_HIRSHKOWITZ} [PubMed] [CrossRef] [Google Scholar]\n"
            "3. Smith J. Sleep and the brain. Abstract\n")
    assert [e.text for e in reflist.extract(text)] == [_WATSON, _HIRSHKOWITZ, "Smith J. Sleep and the brain. Abstract"]


def test_wikipedia_back_links_and_access_dates() -> None:
    text = ("Sleep\n\nAdults need sleep.[1] Teens need more.[2]\n\nReferences\n"
            '^ a b Watson NF, Badr MS (2015). "Recommended amount of sleep for a healthy adult". Sleep. 38 (6): '
            "843–844. doi:10.5665/sleep.4716. PMID 26039963.\n"
            '^ "Sleep in teens". National Sleep Foundation. Retrieved 2019-05-02.\n')
    first, second = (parse.parse(e.text) for e in reflist.extract(text))
    assert [a.family for a in first.authors] == ["Watson", "Badr"] and first.year == 2015
    assert (first.container, first.volume, first.issue, first.pages) == ("Sleep", "38", "6", "843-844")
    # A web page's site after its title: where it appeared or who published it, as the printed text allows.
    assert second.title == "Sleep in teens" and "National Sleep Foundation" in (second.container, second.publisher)
    assert second.authors == [] and second.year is None  # the access date is not when it was published


def test_markers_past_the_end_of_a_numbered_list_and_entries_never_cited(tmp_path: Path) -> None:
    from refs.ingest import article as article_stage

    path = tmp_path / "draft.txt"
    path.write_text(f"Sleep\n\nAdults need sleep [1]. Teens need more [4]. Kids too [1, 5].\n\nReferences\n"
                    f"1. {_WATSON}\n2. {_HIRSHKOWITZ}\n", encoding="utf-8")
    article = article_stage.read(path)
    assert article.unresolved == ["cited but not in the reference list of 2: [4], [5]"]
    assert article.notes == ["listed but never cited: [2]"]


def test_a_range_across_two_markers_cites_what_lies_between(tmp_path: Path) -> None:
    from refs.ingest import article as article_stage

    entries = "\n".join(f"{n}. Author{chr(64 + n)} A. Title {n}. J Test. 2015;{n}:1-2." for n in range(1, 5))
    path = tmp_path / "draft.txt"
    path.write_text(f"Sleep\n\nSeveral studies agree [1]–[4].\n\nReferences\n{entries}\n", encoding="utf-8")
    article = article_stage.read(path)
    assert article.unresolved == article.notes == []  # 2 and 3 are cited by the range


def test_a_list_without_numbers_is_matched_by_place_only_when_the_markers_fit(tmp_path: Path) -> None:
    from refs.ingest import article as article_stage

    path = tmp_path / "draft.txt"
    path.write_text(f"Sleep\n\nAdults need sleep [1]. Teens [7].\n\nReferences\n{_WATSON}\n{_HIRSHKOWITZ}\n",
                    encoding="utf-8")
    [warning] = article_stage.read(path).unresolved
    assert "cites up to [7] but its list, printed without numbers, has 2 places" in warning
    path.write_text(f"Sleep\n\nAdults need sleep [1]. Teens [2].\n\nReferences\n{_WATSON}\n{_HIRSHKOWITZ}\n",
                    encoding="utf-8")
    assert article_stage.read(path).unresolved == []


def test_glued_citation_templates_and_author_year_heads() -> None:
    # Shapes of scraped Wikipedia and PLOS lists (written for the test; the works are invented).
    wiki = ('Notes\n"About the Sleep Project". Sleep Foundation."Sleep and Memory". Sleep Review. Retrieved '
            '2016-05-01."Sleep Info". SleepTools. Retrieved 1 May 2016.Payment, S. (2007). Sleepers. Rosen. '
            'ISBN 9781404207196.\n')
    assert [e.text[:20] for e in reflist.extract("A page\n\n" + wiki)] == [
        '"About the Sleep Pro', '"Sleep and Memory". ', '"Sleep Info". SleepT', "Payment, S. (2007). "]
    plos = ("References\nEvans A, Gakuya F (2008) Sleep in wildlife. Epidemiol Infect 136: 1261–1269LaBeaud AD, "
            "Cross PC (2011) Sleep in buffalo. Am J Trop Med Hyg 84: 641–646Fafetine JM, Neves LCBG (2007) Sleep "
            "proteins. Vet Microb 121: 29–38Jansen van Vuren P, Van Dijk AA (2007) Sleep assays. J Virol Methods "
            "140: 106–114\n")
    assert [e.text.split(" (")[0] for e in reflist.extract("A page\n\n" + plos)] == [
        "Evans A, Gakuya F", "LaBeaud AD, Cross PC", "Fafetine JM, Neves LCBG", "Jansen van Vuren P, Van Dijk AA"]


def test_glued_citation_templates_at_quotes_parentheses_and_family_given_heads() -> None:
    # Shapes of a scraped Wikipedia list (written for the test; the works are invented): an entry ends at an
    # access date's period before a quote, at an ISBN before a quote, at a parenthesis before a quote, and at
    # a word's period before an author written "Family, Given (date)".
    wiki = ('Notes\nSmith, Anna (1851). The Long Sleep. Royal Society.Jones, Maurice (10 October 2013). "Sleep '
            'named". Sleep Office. Retrieved 1 May 2017."sleep listing". sleep.org. Retrieved 2014-07-01.'
            'Brown, Ann (2002). Dreams. Sleep Press. ISBN 978-0-478-40864-5"A sleep guide". Sleep Council. '
            'Retrieved 2 May 2016.Taylor, Ben; Hill, Cara (May 2011). Nights. Sleep Journal. 5 (4): 1–9.'
            '"Sleep Requirements"."Sleep devices". Sleep Wiki. The project would be fully open and free'
            '"Comments on sleep". Sleep Blog. Written in the same applicationsFesta, Paul (May 6, 2003). "Sleep '
            'news". Sleep Net.\n')
    assert [e.text[:16] for e in reflist.extract("A page\n\n" + wiki)] == [
        "Smith, Anna (185", "Jones, Maurice (", '"sleep listing".', "Brown, Ann (2002", '"A sleep guide".',
        "Taylor, Ben; Hil", '"Sleep Requireme', '"Sleep devices".', '"Comments on sle', "Festa, Paul (May"]


def test_a_doi_broken_across_lines_stays_with_its_entry() -> None:
    # Written for the test: DOIs wrapped onto a line of their own, in an unnumbered list.
    text = ("References\nSmith J, Lee K. Sleep in mice. Sci Rep. 2016;6:18924. doi:10.1038/srep18\n924\n"
            "Brown A. Sleep in rats. J Sleep Res. 2015;24:1-9. https://doi.org/10.1111/jsr.\n12345.\n")
    entries = [parse.parse(e.text) for e in reflist.extract("A page\n\n" + text)]
    assert [e.doi for e in entries] == ["10.1038/srep18924", "10.1111/jsr.12345"]


def test_glued_author_year_heads_with_particles_hyphenated_initials_and_organisations() -> None:
    # PLOS's author-year shape run together (entries written for the test; the works are invented).
    plos = ("References\nSingh G, Kaur J (2010) Sleep enzymes. Crit Rev Sleep 36: 259–269Egmond MR, de Vlieg J "
            "(2000) Sleep cutinase. Biochimie 82: 1015–1021Cavalier J-F, Carrière F (2011) Sleep inhibitors. Sleep "
            "Acta 17: 719–729WHO (2010) Sleep, an update. Weekly Sleep News 21: 185–186Instituto Nacional de "
            "Sono (2011) Relatório anual. Maputo: INS.\n")
    assert [e.text.split(" (")[0] for e in reflist.extract("A page\n\n" + plos)] == [
        "Singh G, Kaur J", "Egmond MR, de Vlieg J", "Cavalier J-F, Carrière F", "WHO", "Instituto Nacional de Sono"]


def test_a_glued_boundary_is_never_inside_a_doi() -> None:
    text = ("References\nWitten JL, Truman JW (1998). Neurons in insects. J Comp Neurol 398:515–528. "
            "doi:10.1002/(SICI)1096-9861(19980907)398:4<515::AID-CNE4>3.0.CO;2-5\n"
            "Zhang S, Cao Z (2011). An inhibitor. Clin Cancer Res 17:4439–4450. doi:10.1158/1078-0432.CCR-10-3109\n")
    entries = [e.text for e in reflist.extract("A page\n\n" + text)]
    assert len(entries) == 2
    assert entries[0].endswith("3.0.CO;2-5") and entries[1].endswith("1078-0432.CCR-10-3109")


def test_an_unnumbered_plos_list_is_found_whole() -> None:
    # PLOS's author-year shape without list numbers (entries written for the test).
    text = ("A page\n\nSome prose.\n\nReferences\n"
            "Murphy FA, Gibbs EPJ (1999) Veterinary Virology. USA: Elsevier. pp 469–475.\n"
            "Rich KM, Wanyoike F (2010) An assessment of outbreak impacts in Kenya. Am J Trop Med Hyg 83: 52–57\n"
            "WHO (2007) Outbreaks of Rift Valley fever in Kenya. Weekly epidemiological news 20: 169–178\n"
            "Archer BN, Weyer J, Paweska J, et al. (2011) Outbreak of Rift Valley fever. Euro Surveill 16: 1–5\n")
    assert [e.text.split(" (")[0] for e in reflist.extract(text)] == [
        "Murphy FA, Gibbs EPJ", "Rich KM, Wanyoike F", "WHO", "Archer BN, Weyer J, Paweska J, et al."]


def test_check_is_incomplete_for_markers_past_the_list_but_not_for_uncited_entries(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from cli.main import cli

    def reasons(text: str) -> list[str]:
        path = tmp_path / "draft.txt"
        path.write_text(f"Sleep\n\n{text}\n\nReferences\n1. {_WATSON}\n2. {_HIRSHKOWITZ}\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["--library", str(tmp_path / "l.sqlite"), "check", str(path), "--offline",
                                          "--format", "json"], obj={})
        return [r for r in json.loads(result.stdout)["incomplete"] if "could not be checked" not in r]

    assert reasons("Adults need sleep [1]. Teens need more [4].") == [
        "cited but not in the reference list of 2: [4]"]
    assert reasons("Adults need sleep [1].") == []  # [2] is never cited: worth a note, not a gap in the check


def test_a_list_printed_one_entry_per_line_keeps_each_line_whole_and_in_its_place() -> None:
    # Shapes of a scraped Wikipedia list (written for the test; the pages are invented).
    lines = [
        'Doe, Jane (6 February 2006). "Where Did the Browser Come From?". Inside Browsers. Retrieved 2012-01-07.',
        '"Life expectancy among the best". Stuff.co.nz. Example Media. Retrieved 6 July 2014.',
        '"Mobile System Requirements".',
        "Persona, Example",
        '"Web browsers (Global marketshare)". Clicky. Example Software Ltd. Retrieved 2012-05-10.',
        '"Gecko Layout Engine". example.org. July 17, 2008. Retrieved 2012-05-10.',
    ]
    entries = reflist.extract("Browsers\n\nText.\n\nReferences\n" + "\n".join(lines) + "\n")
    # Not cut at the question mark before the closing quote, nor at the site's name.
    assert [(e.position, e.text) for e in entries] == [(1, lines[0]), (2, lines[1]), (3, lines[2]),
                                                     (5, lines[4]), (6, lines[5])]
    # A line holding two entries (two DOIs) is still cut.
    glued = ("Roe R.First title.J Test.2015;1:1-2.doi:10.1000/one.2015Poe P.Second title.J Test.2016;2:3-4."
             "doi:10.1000/two.2016")
    entries = reflist.extract("Browsers\n\nText.\n\nReferences\n" + "\n".join([*lines, glued]) + "\n")
    assert [e.text[:6] for e in entries[-2:]] == ["Roe R.", "Poe P."]


def test_a_quoted_title_ending_in_a_question_is_one_part() -> None:
    from refs.ingest import segments

    parts = segments.split('Doe, J. (2006). "Where Did It Come From?". Inside Browsers. Retrieved 2012.')
    assert [p.text for p in parts] == ["Doe, J. (2006).", '"Where Did It Come From?".', "Inside Browsers.",
                                       "Retrieved 2012."]
    parts = segments.split('Doe J. "Is it safe?" Lancet. 2001.')
    assert [p.text for p in parts] == ["Doe J.", '"Is it safe?"', "Lancet. 2001."]



def test_an_ris_record_pasted_into_the_page_is_not_a_reference() -> None:
    # Written for the test: a page printing its own citation as RIS after its list, and one with no list.
    record = "TY  - JOUR\nAU  - Page, Own\nTI  - This page\nDO  - 10.1000/page.own\nUR  - https://example.org\nER  -\n"
    listed = "A page citing one work [1].\n\nReferences\n1. Smith J. Sleep. J Sleep. 2015;1:1-9. doi:10.1000/abc\n\n"
    entries = reflist.extract(listed + record)
    assert [e.text for e in entries] == ["Smith J. Sleep. J Sleep. 2015;1:1-9. doi:10.1000/abc"]
    assert reflist.extract("A page with no list.\n\n" + record + record) == []
