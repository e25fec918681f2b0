"""Common given names whose bearers are mostly women or mostly men, for pronoun agreement.

Only a hint: a pronoun never goes to a person whose given name says otherwise, and a person's
gender is also learnt from titles (Mrs., Mr.) and from the pronouns the text uses for them.
Names used for both are left out.
"""

from __future__ import annotations

_FEMALE = """
abigail ada adriana agnes aisha alexandra alice alicia alison amanda amber amelia amy ana
anastasia andrea angela angelina anita ann anna anne annette antonia april ashley audrey barbara
beatrice becky betty beverly brenda bridget brittany camila carla carmen carol caroline
catherine cecilia charlotte chelsea cheryl christina christine cindy claire claudia colleen
cynthia daisy danielle debbie deborah denise diana diane donna doris dorothy edith elaine
eleanor elena elisa elizabeth ella ellen emily emma erica erin esther eva evelyn fatima fiona
frances gabriela gabrielle gina gloria grace hannah heather heidi helen hillary holly ingrid
irene isabel isabella jacqueline jane janet janice jasmine jeanne jennifer jessica jill joan
joanna jodi josephine joyce judith judy julia julie justine karen katherine kathleen kathryn
kathy katie kayla kimberly kirsten kristen laura lauren leah lesia linda lisa lori louise lucy
lydia lynn madeleine madison margaret maria marie marilyn marina marjorie martha mary maya megan
melania melanie melissa mia michelle miriam molly monica nadia nancy naomi natalie natasha
nicole nina nora olga olivia pamela patricia paula peggy penny rachel rebecca regina renee rita
roberta rosa rose ruth sabrina samantha sandra sara sarah sharon sheila shirley silvia sofia
sonia sophia stephanie susan suzanne sylvia tamara tanya teresa theresa tiffany tina tracy
ursula valerie vanessa veronica victoria virginia wanda wendy yolanda yulia yvonne zoe
"""
_MALE = """
aaron abraham adam adrian ahmed alan albert alejandro alexander alexei alfred ali andrei andrew
angel anthony antonio arthur barack ben benjamin bernard bernie bill billy bob bobby boris brad
bradley brandon brian bruce bryan carl carlos charles chris christopher chuck clarence colin
craig dan daniel darren dave david dennis derek dick dmitry don donald doug douglas dwight
edward eric erik ernest eugene frank franklin fred frederick gary george gerald glenn gordon
greg gregory harold harry henry howard hugh ian igor isaac ivan jack jacob james jason jeb jeff
jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh
joshua juan justin keith ken kenneth kevin kirk larry lawrence leonard louis luis marco marcus
mark martin matt matthew maurice michael mike mitch mitchell mohammed muhammad nathan neil
nicholas nick nikolai oleg oliver omar oscar patrick paul pedro peter philip phillip ralph randy
raymond reince richard rick robert rodney roger ron ronald roy rudy russell ryan samuel scott
sean sebastian sergei sergey stephen steve steven stuart ted terry thomas tim timothy todd tom
tony travis victor vincent vladimir volodymyr walter wayne william xavier yuri zachary
"""
FEMALE_NAMES = frozenset(_FEMALE.split())
MALE_NAMES = frozenset(_MALE.split())


def gender_of(given_name: str) -> str | None:
    """``f``, ``m`` or None for a given name (any case)."""
    name = given_name.casefold().strip(".")
    if name in FEMALE_NAMES:
        return "f"
    if name in MALE_NAMES:
        return "m"
    return None
