"""Build src/ahdath/actors/data/countries.yaml (every country: Arabic names, nisba forms, capital, ISO3).

Facts come from ../shared/data/countries_mledoze/countries.json (ODbL: ISO codes, Arabic and English
names, demonyms, capitals) and ../shared/data/geonames_cities15000 (CC BY 4.0: Arabic country names,
Arabic-script capital names). Nisba (adjective) forms are generated from a base form with the rules in
``inflect_nisba``; the well-known and irregular ones are fixed by hand in ``OVERRIDES`` below. The output
is reviewed and committed; the package never reads ../shared.

usage: python training/actors/build_countries.py [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

import yaml

from ahdath.language.normalize import fold_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
OUT = ROOT / "src" / "ahdath" / "actors" / "data" / "countries.yaml"

ARABIC_LETTERS = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
HARAKAT = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")

# Hand-curated facts for the countries Arabic news is mostly about. Keys:
#   ar: extra names/variants; nisba: base adjective forms (masc. sg. indefinite, several spellings allowed);
#   plural: broken plurals of the demonym (people); capital: Arabic capital names used as metonyms
#   ([] when the capital is ambiguous: عمان is also Oman); capital_homographs: the capital written with the
#   diacritic that tells it from another country's name (عمّان, not عمان Oman); metonyms: other places/buildings standing for
#   a state body; ambiguous: names that are also common words (مالي "financial"), resolved with low
#   confidence only; places: towns and regions (PLACES below, plus GeoNames); nisba [] where the adjective is a common word (قمري "lunar", صحراوي "desert"); wikidata: only ids known for certain.
OVERRIDES: dict[str, dict] = {
    "USA": {"ar": ["الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "أمريكا", "أميركا"],
            "nisba": ["أمريكي", "أميركي"], "plural": ["أمريكان", "أميركان"], "capital": ["واشنطن"],
            "metonyms": [{"ar": "البيت الأبيض", "sector": "GOV"}, {"ar": "البنتاغون", "sector": "MIL"},
                         {"ar": "الخارجية الأمريكية", "sector": "GOV"}, {"ar": "الخارجية الأميركية", "sector": "GOV"},
                         {"ar": "الكونغرس", "sector": "LEG"}, {"ar": "الكونجرس", "sector": "LEG"}],
            "wikidata": "Q30", "name": "United States"},
    "GBR": {"ar": ["المملكة المتحدة", "بريطانيا", "بريطانيا العظمى"], "nisba": ["بريطاني"], "capital": ["لندن"],
            "metonyms": [{"ar": "داونينغ ستريت", "sector": "GOV"}], "wikidata": "Q145"},
    "FRA": {"ar": ["فرنسا", "الجمهورية الفرنسية"], "nisba": ["فرنسي"], "capital": ["باريس"],
            "metonyms": [{"ar": "الإليزيه", "sector": "GOV"}, {"ar": "قصر الإليزيه", "sector": "GOV"}], "wikidata": "Q142"},
    "DEU": {"ar": ["ألمانيا"], "nisba": ["ألماني"], "plural": ["ألمان"], "capital": ["برلين"], "wikidata": "Q183"},
    "RUS": {"ar": ["روسيا", "روسيا الاتحادية", "الاتحاد الروسي"], "nisba": ["روسي"], "plural": ["روس"],
            "capital": ["موسكو"], "metonyms": [{"ar": "الكرملين", "sector": "GOV"}], "wikidata": "Q159"},
    "CHN": {"ar": ["الصين", "جمهورية الصين الشعبية", "الصين الشعبية"], "nisba": ["صيني"], "capital": ["بكين"],
            "wikidata": "Q148"},
    "IRN": {"ar": ["إيران", "الجمهورية الإسلامية الإيرانية", "جمهورية إيران الإسلامية", "الجمهورية الإسلامية في إيران"],
            "nisba": ["إيراني"], "capital": ["طهران"], "wikidata": "Q794"},
    "ISR": {"ar": ["إسرائيل", "دولة إسرائيل"], "nisba": ["إسرائيلي"], "capital": ["تل أبيب"], "wikidata": "Q801"},
    "PSE": {"ar": ["فلسطين", "دولة فلسطين", "الأراضي الفلسطينية"], "nisba": ["فلسطيني"], "capital": ["رام الله"],
            "wikidata": "Q219060", "name": "Palestine"},
    "SAU": {"ar": ["السعودية", "المملكة العربية السعودية", "المملكة السعودية"], "nisba": ["سعودي"],
            "capital": ["الرياض"], "wikidata": "Q851"},
    "ARE": {"ar": ["الإمارات", "الإمارات العربية المتحدة", "دولة الإمارات", "دولة الإمارات العربية المتحدة"],
            "nisba": ["إماراتي"], "capital": ["أبوظبي", "أبو ظبي"], "wikidata": "Q878"},
    "EGY": {"ar": ["مصر", "جمهورية مصر العربية"], "nisba": ["مصري"], "capital": ["القاهرة"], "wikidata": "Q79"},
    "SYR": {"ar": ["سوريا", "سورية", "الجمهورية العربية السورية"], "nisba": ["سوري"], "capital": ["دمشق"],
            "wikidata": "Q858"},
    "IRQ": {"ar": ["العراق", "جمهورية العراق"], "nisba": ["عراقي"], "capital": ["بغداد"], "wikidata": "Q796"},
    "LBN": {"ar": ["لبنان", "الجمهورية اللبنانية"], "nisba": ["لبناني"], "capital": ["بيروت"], "wikidata": "Q822"},
    "YEM": {"ar": ["اليمن", "الجمهورية اليمنية"], "nisba": ["يمني"], "capital": ["صنعاء"], "wikidata": "Q805"},
    "JOR": {"ar": ["الأردن", "المملكة الأردنية الهاشمية"], "nisba": ["أردني"], "capital": [],
            "capital_homographs": ["عمّان"], "wikidata": "Q810"},
    "QAT": {"ar": ["قطر", "دولة قطر"], "nisba": ["قطري"], "capital": ["الدوحة"], "wikidata": "Q846"},
    "KWT": {"ar": ["الكويت", "دولة الكويت"], "nisba": ["كويتي"], "capital": [], "wikidata": "Q817"},
    "BHR": {"ar": ["البحرين", "مملكة البحرين"], "nisba": ["بحريني"], "capital": ["المنامة"], "wikidata": "Q398"},
    "OMN": {"ar": ["عمان", "سلطنة عمان"], "nisba": ["عماني"], "capital": ["مسقط"], "wikidata": "Q842"},
    "LBY": {"ar": ["ليبيا", "دولة ليبيا"], "nisba": ["ليبي"], "capital": ["طرابلس"], "wikidata": "Q1016"},
    "TUN": {"ar": ["تونس", "الجمهورية التونسية"], "nisba": ["تونسي"], "capital": [], "wikidata": "Q948"},
    "DZA": {"ar": ["الجزائر", "الجمهورية الجزائرية"], "nisba": ["جزائري"], "capital": [], "wikidata": "Q262"},
    "MAR": {"ar": ["المغرب", "المملكة المغربية"], "nisba": ["مغربي"], "plural": ["مغاربة"], "capital": ["الرباط"],
            "wikidata": "Q1028"},
    "SDN": {"ar": ["السودان", "جمهورية السودان"], "nisba": ["سوداني"], "capital": ["الخرطوم"], "wikidata": "Q1049"},
    "SSD": {"ar": ["جنوب السودان", "دولة جنوب السودان"], "nisba": ["جنوب سوداني"], "capital": ["جوبا"], "wikidata": "Q958"},
    "TUR": {"ar": ["تركيا", "الجمهورية التركية"], "nisba": ["تركي"], "plural": ["أتراك"], "capital": ["أنقرة"],
            "wikidata": "Q43", "name": "Turkey"},
    "MRT": {"ar": ["موريتانيا"], "nisba": ["موريتاني"], "capital": ["نواكشوط"], "wikidata": "Q1025"},
    "SOM": {"ar": ["الصومال"], "nisba": ["صومالي"], "capital": ["مقديشو"], "wikidata": "Q1045"},
    "DJI": {"ar": ["جيبوتي"], "nisba": ["جيبوتي"], "capital": [], "wikidata": "Q977"},
    "COM": {"ar": ["جزر القمر"], "nisba": [], "capital": [], "wikidata": "Q970"},
    "PAK": {"ar": ["باكستان"], "nisba": ["باكستاني"], "capital": ["إسلام آباد"], "wikidata": "Q843"},
    "AFG": {"ar": ["أفغانستان"], "nisba": ["أفغاني"], "plural": ["أفغان"], "capital": ["كابل", "كابول"], "wikidata": "Q889"},
    "IND": {"ar": ["الهند"], "nisba": ["هندي"], "plural": ["هنود"], "capital": ["نيودلهي", "نيو دلهي"], "wikidata": "Q668"},
    "JPN": {"ar": ["اليابان"], "nisba": ["ياباني"], "capital": ["طوكيو"], "wikidata": "Q17"},
    "KOR": {"ar": ["كوريا الجنوبية", "جمهورية كوريا"], "nisba": ["كوري جنوبي"], "capital": ["سول", "سيول"], "wikidata": "Q884"},
    "PRK": {"ar": ["كوريا الشمالية", "جمهورية كوريا الديمقراطية الشعبية"], "nisba": ["كوري شمالي"],
            "capital": ["بيونغ يانغ", "بيونغيانغ"], "wikidata": "Q423"},
    "UKR": {"ar": ["أوكرانيا"], "nisba": ["أوكراني"], "capital": ["كييف"], "wikidata": "Q212"},
    "ITA": {"ar": ["إيطاليا"], "nisba": ["إيطالي"], "capital": ["روما"], "wikidata": "Q38"},
    "ESP": {"ar": ["إسبانيا", "اسبانيا"], "nisba": ["إسباني"], "capital": ["مدريد"], "wikidata": "Q29"},
    "CAN": {"ar": ["كندا"], "nisba": ["كندي"], "capital": ["أوتاوا"], "wikidata": "Q16"},
    "AUS": {"ar": ["أستراليا", "استراليا"], "nisba": ["أسترالي"], "capital": ["كانبرا"], "wikidata": "Q408"},
    "BRA": {"ar": ["البرازيل"], "nisba": ["برازيلي"], "capital": ["برازيليا"], "wikidata": "Q155"},
    "MEX": {"ar": ["المكسيك"], "nisba": ["مكسيكي"], "capital": ["مكسيكو سيتي"], "wikidata": "Q96"},
    "NLD": {"ar": ["هولندا"], "nisba": ["هولندي"], "capital": ["أمستردام"], "wikidata": "Q55"},
    "BEL": {"ar": ["بلجيكا"], "nisba": ["بلجيكي"], "capital": [], "wikidata": "Q31"},
    "SWE": {"ar": ["السويد"], "nisba": ["سويدي"], "capital": ["ستوكهولم"], "wikidata": "Q34"},
    "NOR": {"ar": ["النرويج"], "nisba": ["نرويجي"], "capital": ["أوسلو"], "wikidata": "Q20"},
    "DNK": {"ar": ["الدنمارك", "الدانمارك"], "nisba": ["دنماركي", "دانماركي"], "capital": ["كوبنهاغن"], "wikidata": "Q35"},
    "FIN": {"ar": ["فنلندا"], "nisba": ["فنلندي"], "capital": ["هلسنكي"], "wikidata": "Q33"},
    "CHE": {"ar": ["سويسرا"], "nisba": ["سويسري"], "capital": [], "wikidata": "Q39"},
    "AUT": {"ar": ["النمسا"], "nisba": ["نمساوي"], "capital": ["فيينا"], "wikidata": "Q40"},
    "GRC": {"ar": ["اليونان"], "nisba": ["يوناني"], "capital": ["أثينا"], "wikidata": "Q41"},
    "CYP": {"ar": ["قبرص"], "nisba": ["قبرصي"], "capital": ["نيقوسيا"], "wikidata": "Q229"},
    "PRT": {"ar": ["البرتغال"], "nisba": ["برتغالي"], "capital": ["لشبونة"], "wikidata": "Q45"},
    "IRL": {"ar": ["أيرلندا", "إيرلندا"], "nisba": ["أيرلندي", "إيرلندي"], "capital": ["دبلن"], "wikidata": "Q27"},
    "POL": {"ar": ["بولندا"], "nisba": ["بولندي"], "capital": ["وارسو"], "wikidata": "Q36"},
    "HUN": {"ar": ["المجر", "هنغاريا"], "nisba": ["هنغاري"], "capital": ["بودابست"], "wikidata": "Q28"},
    "CZE": {"ar": ["التشيك", "جمهورية التشيك"], "nisba": ["تشيكي"], "capital": ["براغ"], "wikidata": "Q213"},
    "ROU": {"ar": ["رومانيا"], "nisba": ["روماني"], "capital": ["بوخارست"], "wikidata": "Q218"},
    "BGR": {"ar": ["بلغاريا"], "nisba": ["بلغاري"], "capital": ["صوفيا"], "wikidata": "Q219"},
    "SRB": {"ar": ["صربيا"], "nisba": ["صربي"], "capital": ["بلغراد"], "wikidata": "Q403"},
    "BLR": {"ar": ["بيلاروسيا", "روسيا البيضاء"], "nisba": ["بيلاروسي"], "capital": ["مينسك"], "wikidata": "Q184"},
    "GEO": {"ar": ["جورجيا"], "nisba": ["جورجي"], "capital": ["تبليسي"], "wikidata": "Q230"},
    "ARM": {"ar": ["أرمينيا"], "nisba": ["أرميني", "أرمني"], "plural": ["أرمن"], "capital": ["يريفان"], "wikidata": "Q399"},
    "AZE": {"ar": ["أذربيجان"], "nisba": ["أذربيجاني", "أذري"], "capital": ["باكو"], "wikidata": "Q227"},
    "KAZ": {"ar": ["كازاخستان"], "nisba": ["كازاخستاني", "كازاخي"], "capital": ["أستانا"], "wikidata": "Q232"},
    "UZB": {"ar": ["أوزبكستان", "أوزباكستان"], "nisba": ["أوزبكي", "أوزبكستاني"], "capital": ["طشقند"], "wikidata": "Q265"},
    "ETH": {"ar": ["إثيوبيا", "أثيوبيا"], "nisba": ["إثيوبي", "أثيوبي"], "capital": ["أديس أبابا"], "wikidata": "Q115"},
    "ERI": {"ar": ["إريتريا", "إرتريا"], "nisba": ["إريتري", "إرتري"], "capital": ["أسمرة"], "wikidata": "Q986"},
    "VEN": {"ar": ["فنزويلا"], "nisba": ["فنزويلي"], "capital": ["كاراكاس"], "wikidata": "Q717"},
    "CUB": {"ar": ["كوبا"], "nisba": ["كوبي"], "capital": ["هافانا"], "wikidata": "Q241"},
    "IDN": {"ar": ["إندونيسيا"], "nisba": ["إندونيسي"], "capital": ["جاكرتا"], "wikidata": "Q252"},
    "MYS": {"ar": ["ماليزيا"], "nisba": ["ماليزي"], "capital": ["كوالالمبور", "كوالا لمبور"], "wikidata": "Q833"},
    "NGA": {"ar": ["نيجيريا"], "nisba": ["نيجيري"], "capital": ["أبوجا"], "wikidata": "Q1033"},
    "ZAF": {"ar": ["جنوب أفريقيا", "جنوب إفريقيا"], "nisba": ["جنوب أفريقي", "جنوب إفريقي"], "capital": ["بريتوريا"],
            "wikidata": "Q258"},
    "VAT": {"ar": ["الفاتيكان", "دولة الفاتيكان", "مدينة الفاتيكان"], "nisba": ["فاتيكاني"], "capital": [],
            "wikidata": "Q237", "name": "Vatican City"},
    "ESH": {"ar": ["الصحراء الغربية", "الجمهورية العربية الصحراوية الديمقراطية"], "nisba": [], "capital": []},
    "TCD": {"ar": ["تشاد"], "nisba": ["تشادي"], "capital": ["نجامينا", "انجامينا"], "wikidata": "Q657"},
    "MLI": {"ar": ["جمهورية مالي", "مالي"], "nisba": [], "ambiguous": ["مالي"], "capital": ["باماكو"], "wikidata": "Q912"},
    "NER": {"ar": ["النيجر"], "nisba": ["نيجري"], "capital": ["نيامي"], "wikidata": "Q1032"},
    "KEN": {"ar": ["كينيا"], "nisba": ["كيني"], "capital": ["نيروبي"], "wikidata": "Q114"},
    "ZWE": {"ar": ["زيمبابوي"], "nisba": ["زيمبابوي"], "capital": ["هراري"], "wikidata": "Q954"},
    "ARG": {"ar": ["الأرجنتين"], "nisba": ["أرجنتيني"], "capital": ["بوينس آيرس"], "wikidata": "Q414"},
    "BGD": {"ar": ["بنغلاديش", "بنجلاديش", "بنغلادش"], "nisba": ["بنغلاديشي"], "capital": ["دكا"], "wikidata": "Q902"},
    "LKA": {"ar": ["سريلانكا"], "nisba": ["سريلانكي"], "capital": ["كولومبو"], "wikidata": "Q854"},
    "THA": {"ar": ["تايلاند", "تايلند"], "nisba": ["تايلاندي"], "capital": ["بانكوك"], "wikidata": "Q869"},
    "VNM": {"ar": ["فيتنام"], "nisba": ["فيتنامي"], "capital": ["هانوي"], "wikidata": "Q881"},
    "PHL": {"ar": ["الفلبين"], "nisba": ["فلبيني"], "capital": ["مانيلا"], "wikidata": "Q928"},
    "NZL": {"ar": ["نيوزيلندا"], "nisba": ["نيوزيلندي"], "capital": ["ولينغتون"], "wikidata": "Q664"},
    "CHL": {"ar": ["تشيلي", "تشيلى"], "nisba": ["تشيلي"], "capital": ["سانتياغو"], "wikidata": "Q298"},
    "COL": {"ar": ["كولومبيا"], "nisba": ["كولومبي"], "capital": ["بوغوتا"], "wikidata": "Q739"},
    "PER": {"ar": ["بيرو"], "nisba": ["بيروفي"], "capital": ["ليما"], "wikidata": "Q419"},
    "MMR": {"ar": ["ميانمار", "بورما"], "nisba": ["ميانماري", "بورمي"], "capital": [], "wikidata": "Q836"},
    "SGP": {"ar": ["سنغافورة"], "nisba": ["سنغافوري"], "capital": [], "wikidata": "Q334"},
    "SEN": {"ar": ["السنغال"], "nisba": ["سنغالي"], "capital": ["داكار"], "wikidata": "Q1041"},
    "GHA": {"ar": ["غانا"], "nisba": ["غاني"], "capital": ["أكرا"], "wikidata": "Q117"},
    "CMR": {"ar": ["الكاميرون"], "nisba": ["كاميروني"], "capital": ["ياوندي"], "wikidata": "Q1009"},
    "UGA": {"ar": ["أوغندا"], "nisba": ["أوغندي"], "capital": ["كمبالا"], "wikidata": "Q1036"},
    "TZA": {"ar": ["تنزانيا"], "nisba": ["تنزاني"], "capital": ["دودوما"], "wikidata": "Q924"},
    "RWA": {"ar": ["رواندا"], "nisba": ["رواندي"], "capital": ["كيغالي"], "wikidata": "Q1037"},
    "COD": {"ar": ["جمهورية الكونغو الديمقراطية", "الكونغو الديمقراطية"], "nisba": ["كونغولي"], "capital": ["كينشاسا"],
            "wikidata": "Q974"},
    "COG": {"ar": ["جمهورية الكونغو", "الكونغو برازافيل"], "nisba": [], "capital": ["برازافيل"], "wikidata": "Q971"},
    "AGO": {"ar": ["أنغولا", "أنجولا"], "nisba": ["أنغولي"], "capital": ["لواندا"], "wikidata": "Q916"},
    "MOZ": {"ar": ["موزمبيق"], "nisba": ["موزمبيقي"], "capital": ["مابوتو"], "wikidata": "Q1029"},
    "MDG": {"ar": ["مدغشقر"], "nisba": ["مدغشقري"], "capital": [], "wikidata": "Q1019"},
    "ZMB": {"ar": ["زامبيا"], "nisba": ["زامبي"], "capital": ["لوساكا"], "wikidata": "Q953"},
    "BFA": {"ar": ["بوركينا فاسو"], "nisba": ["بوركيني"], "capital": ["واغادوغو"], "wikidata": "Q965"},
    "TJK": {"ar": ["طاجيكستان"], "nisba": ["طاجيكي", "طاجيكستاني"], "capital": ["دوشنبه"], "wikidata": "Q863"},
    "MNG": {"ar": ["منغوليا"], "nisba": ["منغولي"], "capital": ["أولان باتور"], "wikidata": "Q711"},
    "KHM": {"ar": ["كمبوديا"], "nisba": ["كمبودي"], "capital": ["بنوم بنه"], "wikidata": "Q424"},
    "NPL": {"ar": ["نيبال"], "nisba": ["نيبالي"], "capital": ["كاتماندو"], "wikidata": "Q837"},
    "EST": {"ar": ["إستونيا"], "nisba": ["إستوني"], "capital": ["تالين"], "wikidata": "Q191"},
    "LVA": {"ar": ["لاتفيا"], "nisba": ["لاتفي"], "capital": ["ريغا"], "wikidata": "Q211"},
    "LTU": {"ar": ["ليتوانيا"], "nisba": ["ليتواني"], "capital": ["فيلنيوس"], "wikidata": "Q37"},
    "SVK": {"ar": ["سلوفاكيا"], "nisba": ["سلوفاكي"], "capital": ["براتيسلافا"], "wikidata": "Q214"},
    "SVN": {"ar": ["سلوفينيا"], "nisba": ["سلوفيني"], "capital": ["ليوبليانا"], "wikidata": "Q215"},
    "HRV": {"ar": ["كرواتيا"], "nisba": ["كرواتي"], "capital": ["زغرب"], "wikidata": "Q224"},
    "BIH": {"ar": ["البوسنة والهرسك", "البوسنة"], "nisba": ["بوسني"], "capital": ["سراييفو"], "wikidata": "Q225"},
    "ALB": {"ar": ["ألبانيا"], "nisba": ["ألباني"], "capital": ["تيرانا"], "wikidata": "Q222"},
    "MKD": {"ar": ["مقدونيا الشمالية", "شمال مقدونيا", "مقدونيا"], "nisba": ["مقدوني"], "capital": ["سكوبيه"], "wikidata": "Q221"},
    "MDA": {"ar": ["مولدوفا", "مولدافيا"], "nisba": ["مولدوفي"], "capital": ["كيشيناو"], "wikidata": "Q217"},
    "MLT": {"ar": ["مالطا"], "nisba": ["مالطي"], "capital": ["فاليتا"], "wikidata": "Q233"},
    "ISL": {"ar": ["آيسلندا", "أيسلندا"], "nisba": ["آيسلندي"], "capital": ["ريكيافيك"], "wikidata": "Q189"},
    "LUX": {"ar": ["لوكسمبورغ"], "nisba": ["لوكسمبورغي"], "capital": [], "wikidata": "Q32"},
    "BOL": {"ar": ["بوليفيا"], "nisba": ["بوليفي"], "capital": [], "wikidata": "Q750"},
    "ECU": {"ar": ["الإكوادور"], "nisba": ["إكوادوري"], "capital": ["كيتو"], "wikidata": "Q736"},
    "PRY": {"ar": ["باراغواي"], "nisba": ["باراغوايي"], "capital": [], "wikidata": "Q733"},
    "URY": {"ar": ["الأوروغواي", "أوروغواي"], "nisba": ["أوروغوايي"], "capital": ["مونتيفيديو"], "wikidata": "Q77"},
    "BEN": {"ar": ["بنين", "جمهورية بنين"], "nisba": ["بنيني"], "ambiguous": ["بنين"], "capital": ["بورتو نوفو"]},
    "TWN": {"ar": ["تايوان"], "nisba": ["تايواني"], "capital": ["تايبيه"], "wikidata": "Q865"},
    "UNK": {"ar": ["كوسوفو", "جمهورية كوسوفو"], "nisba": ["كوسوفي"], "capital": ["بريشتينا"], "id": "XKX"},
}

# Places whose country an agent can take (سكان غزة، أهالي حلب): GeoNames cities of the region (population
# >= 100k; every Palestinian one) and world cities >= 1.5M, plus these hand-listed regions and towns.
PLACE_REGION = {"PS", "SY", "IQ", "LB", "JO", "YE", "SA", "AE", "QA", "KW", "BH", "OM", "EG", "LY", "TN", "DZ", "MA", "SD",
                "MR", "SO", "IR", "TR", "IL", "AF"}
PLACES: dict[str, list[str]] = {
    "PSE": ["غزة", "قطاع غزة", "الضفة الغربية", "الضفة", "القدس الشرقية", "الخليل", "جنين", "نابلس", "رفح", "خان يونس",
            "مخيم جنين", "مخيم جباليا", "طولكرم", "قلقيلية", "بيت لحم", "أريحا"],
    "SYR": ["حلب", "إدلب", "حمص", "حماة", "درعا", "الرقة", "دير الزور", "الغوطة", "الغوطة الشرقية", "عفرين", "منبج",
            "القامشلي", "الحسكة", "اللاذقية", "طرطوس", "السويداء", "القنيطرة", "الجولان", "تدمر", "البوكمال"],
    "IRQ": ["البصرة", "الموصل", "كركوك", "أربيل", "السليمانية", "الأنبار", "الفلوجة", "الرمادي", "النجف", "كربلاء",
            "تكريت", "ديالى", "نينوى", "صلاح الدين", "إقليم كردستان", "كردستان العراق", "ذي قار", "الناصرية", "سنجار"],
    "YEM": ["عدن", "تعز", "الحديدة", "مأرب", "صعدة", "حضرموت", "المكلا", "شبوة", "البيضاء", "الضالع", "لحج", "ذمار",
            "الجوف", "أبين", "المهرة", "سقطرى"],
    "LBY": ["بنغازي", "مصراتة", "سرت", "درنة", "سبها", "الزاوية", "طبرق"],
    "EGY": ["سيناء", "شمال سيناء", "العريش", "الإسكندرية", "الجيزة", "أسيوط", "المنيا", "بورسعيد", "السويس", "الأقصر",
            "أسوان"],
    "LBN": ["صيدا", "الضاحية الجنوبية", "جنوب لبنان", "البقاع", "بعلبك", "النبطية"],
    "SAU": ["جدة", "مكة", "مكة المكرمة", "المدينة المنورة", "الدمام", "القطيف", "نجران", "جازان", "عسير", "أبها", "تبوك"],
    "IRN": ["مشهد", "أصفهان", "شيراز", "تبريز", "الأهواز", "قم", "كرمان", "زاهدان", "بوشهر", "نطنز"],
    "TUR": ["إسطنبول", "اسطنبول", "إزمير", "أضنة", "غازي عنتاب", "ديار بكر", "أنطاليا", "هاتاي"],
    "ISR": ["حيفا", "عسقلان", "سديروت", "بئر السبع", "إيلات", "أسدود", "نتانيا"],
    "AFG": ["قندهار", "هرات", "مزار شريف", "جلال آباد", "هلمند"],
    "SDN": ["دارفور", "أم درمان", "بورتسودان", "كسلا", "الفاشر", "نيالا"],
}
HAND_PLACES = {p for ps in PLACES.values() for p in ps}
PLACE_STOP = {"صور", "الصور", "الباب", "رشيد", "عالية", "عاليه", "ملوي", "دورا", "العين", "المدينة", "الزرقاء", "النصر",
              "السلام", "الحرية", "الوحدة", "الثورة", "الأمل", "طرابلس", "سعير", "القرارة", "مدينة القمر", "القدس القديمة",
              "يطا", "الحي", "السلط", "المحلة", "الجديدة", "الشيخ", "الخير", "الحمرا", "الحمراء", "كرم", "الصالحية",
              "معسكر", "سعيدة", "بورصة", "بركان", "المحمدية", "الجديد", "الخمس", "الجميل", "العبور", "الزبير",
              "الكوفة", "النهضة", "السعادة", "الشروق", "المستقبل", "الرحمة", "العاشر من رمضان", "الصفا",
              "النور", "الرياض", "المنصورة", "الفلاح", "الزهراء", "الحسينية", "العزيزية", "الرشيد", "الأمين",
              "الخالدية", "السلامة", "العمارة", "دوما", "إب", "آب", "الفتح", "الوادي", "الجبل", "الساحل", "الميناء", "القرية"}
PLACE_STOP_FOLDED = {fold_text(x) for x in PLACE_STOP}
# Capital spellings that are common words (كيف "how"): never metonyms.
CAPITAL_WORDS = {"كيف"}

# Capital names that are also common personal or place names elsewhere: never metonyms.
CAPITAL_STOP = {"فيكتوريا", "جورج تاون", "كينغستون", "هاميلتون", "دوغلاس", "ستانلي", "بليموث", "جيمس تاون"}


# Nisba bases derived from a country name by rule (used when OVERRIDES gives none).
def nisba_base(name: str) -> str | None:
    if " " in name:
        return None
    w = name[2:] if name.startswith("ال") else name
    if len(w) < 3:
        return None
    if w.endswith("ية"):
        return w[:-1]
    if w.endswith("يا"):
        return w[:-1]
    if w.endswith(("ا", "ة")):
        return w[:-1] + "ي"
    if w.endswith("ي"):
        return w
    if w.endswith("و"):
        return w + "ي"
    return w + "ي"


# Suffixes of the inflected nisba: (suffix, gender/number, is-people plural/dual)
NISBA_SUFFIXES = (("", "m.sg"), ("ة", "f.sg"), ("ون", "m.pl"), ("ين", "m.pl.obl"), ("ات", "f.pl"),
                  ("ان", "m.du"), ("تان", "f.du"), ("تين", "f.du.obl"))


def inflect_nisba(base: str) -> list[tuple[str, str]]:
    """All (form, tag) of a nisba base ``إيراني`` (tag like ``m.sg``/``f.pl.def``); multi-word bases agree."""
    words = base.split()
    out: list[tuple[str, str]] = []
    for suf, tag in NISBA_SUFFIXES:
        for definite in (False, True):
            toks = []
            for i, w in enumerate(words):
                inflects = w.endswith("ي")
                t = w + suf if inflects else w
                if definite and (inflects or i == 0):
                    t = "ال" + t
                toks.append(t)
            out.append((" ".join(toks), tag + (".def" if definite else "")))
    return out


def clean(s: str) -> str:
    s = HARAKAT.sub("", s).strip()
    return re.sub(r"\s+", " ", s)


def is_plain_arabic(s: str) -> bool:
    return bool(s) and all(ch in ARABIC_LETTERS or ch == " " for ch in s)


def load_sources(shared: Path) -> tuple[list[dict], dict[str, str], dict[str, list[str]], dict[str, list[str]]]:
    countries = json.loads((shared / "data/countries_mledoze/countries.json").read_text(encoding="utf-8"))
    geo = shared / "data/geonames_cities15000"
    gid2iso3: dict[str, str] = {}
    iso2_to_iso3: dict[str, str] = {}
    for line in (geo / "countryInfo.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        p = line.split("\t")
        if len(p) > 16:
            gid2iso3[p[16]] = p[1]
            iso2_to_iso3[p[0]] = p[1]
    trans = json.loads((geo / "country_translations.json").read_text(encoding="utf-8"))
    geo_ar = {gid2iso3[k]: v["ar"] for k, v in trans.items() if k in gid2iso3 and v.get("ar")}
    capitals: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for line in (geo / "cities15000_arabic_script_names.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        p = line.split("\t")
        if len(p) <= 9 or p[6] not in iso2_to_iso3:
            continue
        iso3 = iso2_to_iso3[p[6]]
        names = [clean(x) for x in p[9].split("|")]
        if p[5] == "PPLC":
            capitals[iso3] = names
        pop = int(p[8] or 0)
        if (p[6] in PLACE_REGION and (pop >= 100_000 or p[6] == "PS")) or pop >= 1_500_000:
            keep = [x for x in names if is_plain_arabic(x) and len(x.removeprefix("ال").replace(" ", "")) >= 5
                    and x[0] != "ئ" and not x.startswith(("محافظة", "استان")) and fold_text(x) not in PLACE_STOP_FOLDED][:2]
            places.setdefault(iso3, []).extend(keep)
    return countries, geo_ar, capitals, places


def build(shared: Path) -> list[dict]:
    countries, geo_ar, capitals, geo_places = load_sources(shared)
    out: list[dict] = []
    for c in sorted(countries, key=lambda c: c["cca3"]):
        iso3 = c["cca3"]
        ov = OVERRIDES.get(iso3, {})
        names: list[str] = list(ov.get("ar", []))
        for cand in (c["translations"]["ara"]["common"], c["translations"]["ara"]["official"], geo_ar.get(iso3, "")):
            cand = clean(cand)
            if is_plain_arabic(cand) and cand not in names and "-" not in cand:
                names.append(cand)
        bases = list(ov["nisba"]) if "nisba" in ov else [b for b in [nisba_base(names[0])] if b]
        nisba: list[str] = []
        for b in bases:
            for form, _tag in inflect_nisba(b):
                if form not in nisba:
                    nisba.append(form)
        plural = list(ov.get("plural", []))
        plural += ["ال" + p for p in plural]
        if "capital" in ov:
            cap_ar = list(ov["capital"])
        elif c.get("unMember"):  # first plain-Arabic GeoNames name, long enough not to be a common word
            cap_ar = [x for x in capitals.get(iso3, []) if is_plain_arabic(x) and len(x.replace(" ", "")) >= 5
                      and x[0] != "ئ" and x not in CAPITAL_STOP][:1]
        else:
            cap_ar = []
        entry: dict = {
            "id": ov.get("id", iso3),
            "iso2": c["cca2"],
            "name": ov.get("name", c["name"]["common"]),
            "ar": names,
            "nisba_base": bases,
            "nisba": nisba,
        }
        if plural:
            entry["plural"] = plural
        entry["demonym"] = (c.get("demonyms", {}).get("eng", {}) or {}).get("m", "")
        entry["capital"] = {"name": (c.get("capital") or [""])[0], "ar": cap_ar, "curated": "capital" in ov}
        if ov.get("capital_homographs"):  # written with a diacritic: folded, the name of another country
            entry["capital"]["homographs"] = ov["capital_homographs"]
        if ov.get("ambiguous"):
            entry["ambiguous"] = ov["ambiguous"]
        places = list(PLACES.get(iso3, []))
        for x in geo_places.get(iso3, []):
            if x not in places and x not in cap_ar and x not in names and x not in HAND_PLACES:
                places.append(x)
        if places:
            entry["places"] = places
        if ov.get("metonyms"):
            entry["metonyms"] = ov["metonyms"]
        entry["sovereign"] = bool(c.get("unMember")) or iso3 in {"PSE", "VAT", "TWN", "UNK"}
        if ov.get("wikidata"):
            entry["wikidata"] = ov["wikidata"]
        out.append(entry)
    # A name shared by several entries (two territories called سانت مارتن) stays with the first sovereign one.
    owner: dict[str, str] = {}
    for e in sorted(out, key=lambda e: not e["sovereign"]):
        for field in ("ar", "nisba"):
            keep = []
            for n in e[field]:
                if owner.setdefault(n, e["id"]) == e["id"]:
                    keep.append(n)
            e[field] = keep
        e["capital"]["ar"] = [n for n in e["capital"]["ar"] if owner.setdefault(n, e["id"]) == e["id"]]
    for e in out:  # places last: a place never takes a country's name or capital
        if "places" in e:
            e["places"] = [n for n in e["places"] if owner.setdefault(n, e["id"]) == e["id"]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(SHARED.resolve())
    header = (
        "# ahdath countries: every ISO 3166 country with Arabic names, nisba forms and capital metonyms.\n"
        "# Generated by training/actors/build_countries.py from mledoze/countries (ODbL) and GeoNames (CC BY 4.0),\n"
        "# nisba forms generated by rule with hand fixes; reviewed and committed. Format: docs/actors.md.\n"
    )
    text = yaml.dump(data, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
    args.out.write_text(header + text, encoding="utf-8")
    print(f"wrote {len(data)} countries to {args.out}")


if __name__ == "__main__":
    main()
