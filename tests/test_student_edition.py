"""The student edition of the site (`make student-site`) leaves every solution out, while the
full edition keeps them; both build with the strict flags."""

import subprocess

from conftest import ROOT

STUDENT = ROOT / "_build" / "student" / "_build" / "html"


def test_student_edition_has_no_solutions(built_site):
    result = subprocess.run(["make", "student-site"], cwd=ROOT, capture_output=True, text=True, timeout=3000)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-3000:]
    chapters = sorted((built_site / "chapters").glob("*.html"))
    assert chapters
    for page in chapters:
        full = page.read_text(encoding="utf-8")
        student = (STUDENT / "chapters" / page.name).read_text(encoding="utf-8")
        assert full.count('class="solution') >= 3, page.name
        assert 'class="solution' not in student, page.name
        # The exercises themselves stay, with their self-checking answer cells.
        assert student.count('class="exercise') == full.count('class="exercise'), page.name
