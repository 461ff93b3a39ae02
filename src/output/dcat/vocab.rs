//! The controlled vocabularies DCAT-AP 3 asks for, as tables: the EU
//! Publications Office's named authority lists (data themes, file types,
//! frequencies, languages, dataset and distribution statuses) and the two
//! portals a Hong Kong plan names.
//!
//! Sources: codes and English labels are those of the authority lists at
//! <http://publications.europa.eu/resource/authority/> (data-theme,
//! file-type, frequency, language, dataset-status, distribution-status),
//! as published by the Publications Office's Metadata Registry and
//! repeated in the DCAT-AP 3.0.0 specification's usage notes. The category
//! names are DATA.GOV.HK's 18 data categories, in English, Traditional and
//! Simplified Chinese, as the plans print them.

use crate::segment::Language;

pub const AUTHORITY: &str = "http://publications.europa.eu/resource/authority/";

/// A concept of an EU authority list: its code and English label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    /// The list, as in `{AUTHORITY}{list}/{code}`.
    pub list: &'static str,
    pub code: &'static str,
    pub label: &'static str,
}

impl Concept {
    pub fn iri(&self) -> String {
        format!("{AUTHORITY}{}/{}", self.list, self.code)
    }
}

const fn theme(code: &'static str, label: &'static str) -> Concept {
    Concept { list: "data-theme", code, label }
}

pub const AGRI: Concept = theme("AGRI", "Agriculture, fisheries, forestry and food");
pub const ECON: Concept = theme("ECON", "Economy and finance");
pub const EDUC: Concept = theme("EDUC", "Education, culture and sport");
pub const ENVI: Concept = theme("ENVI", "Environment");
pub const GOVE: Concept = theme("GOVE", "Government and public sector");
pub const HEAL: Concept = theme("HEAL", "Health");
pub const JUST: Concept = theme("JUST", "Justice, legal system and public safety");
pub const REGI: Concept = theme("REGI", "Regions and cities");
pub const SOCI: Concept = theme("SOCI", "Population and society");
pub const TECH: Concept = theme("TECH", "Science and technology");
pub const TRAN: Concept = theme("TRAN", "Transport");

/// DATA.GOV.HK's data categories (English, Traditional, Simplified
/// Chinese) and the EU data themes each falls under. Where a category is
/// wider than one theme it gets each; "Miscellaneous" gets none, since no
/// theme says "other" (its text still goes out as a keyword).
pub const CATEGORY_THEMES: &[(&[&str], &[Concept])] = &[
    (&["City Management", "城市管理"], &[REGI, GOVE]),
    (&["Climate and Weather", "氣候及天氣", "气候及天气"], &[ENVI]),
    (&["Commerce and Industry", "工商業", "工商业"], &[ECON]),
    (&["Development", "發展", "发展"], &[REGI]),
    (&["Education", "教育"], &[EDUC]),
    (&["Employment and Labour", "就業及勞工", "就业及劳工"], &[ECON, SOCI]),
    (&["Environment", "環境", "环境"], &[ENVI]),
    (&["Finance", "財經", "财经"], &[ECON]),
    (&["Food", "食物"], &[AGRI]),
    (&["Health", "衞生", "衛生", "卫生"], &[HEAL]),
    (&["Housing", "房屋"], &[SOCI]),
    (&["Infrastructure", "基建"], &[REGI]),
    (&["Law and Security", "法律及保安"], &[JUST]),
    (&["Miscellaneous", "雜項", "杂项"], &[]),
    (&["Population", "人口"], &[SOCI]),
    (&["Recreation and Culture", "康樂及文化", "康乐及文化"], &[EDUC]),
    (&["Social Welfare", "社會福利", "社会福利"], &[SOCI]),
    (&["Technology and Broadcasting", "科技及廣播", "科技及广播"], &[TECH]),
    (&["Transport", "運輸", "运输"], &[TRAN]),
];

/// The EU data themes of a category as printed; none for a category the
/// table does not know (compared without case or white space).
pub fn themes(category: &str) -> &'static [Concept] {
    let fold = |s: &str| s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect::<String>();
    let wanted = fold(category);
    CATEGORY_THEMES.iter().find(|(names, _)| names.iter().any(|n| fold(n) == wanted)).map_or(&[], |(_, t)| t)
}

const fn file_type(code: &'static str, label: &'static str) -> Concept {
    Concept { list: "file-type", code, label }
}

/// The EU file type of a format as records spell it (see
/// `segment::patterns::FORMATS`); `None` for what is no file type (API,
/// GRIB, which the list lacks).
pub fn file_type_of(format: &str) -> Option<Concept> {
    Some(match format {
        "CSV" => file_type("CSV", "CSV"),
        "JSON" => file_type("JSON", "JSON"),
        "GeoJSON" => file_type("GEOJSON", "GeoJSON"),
        "XML" => file_type("XML", "XML"),
        "XLSX" => file_type("XLSX", "Excel XLSX"),
        "XLS" => file_type("XLS", "Excel XLS"),
        "ODS" => file_type("ODS", "ODS"),
        "SHP" => file_type("SHP", "Esri Shape"),
        "KML" => file_type("KML", "KML"),
        "KMZ" => file_type("KMZ", "KMZ"),
        "GML" => file_type("GML", "GML"),
        "GPKG" | "GeoPackage" => file_type("GPKG", "GeoPackage"),
        "RSS" => file_type("RSS", "RSS feed"),
        "TXT" => file_type("TXT", "Plain text"),
        "WMS" => file_type("WMS_SRVC", "WMS"),
        "WFS" => file_type("WFS_SRVC", "WFS"),
        "WMTS" => file_type("WMTS_SRVC", "WMTS"),
        "DXF" => file_type("DXF", "DXF"),
        "DWG" => file_type("DWG", "DWG"),
        "GeoTIFF" => file_type("GEOTIFF", "GeoTIFF"),
        "TIFF" => file_type("TIFF", "TIFF"),
        "ZIP" => file_type("ZIP", "ZIP"),
        "RDF" => file_type("RDF", "RDF"),
        "GTFS" => file_type("GTFS", "GTFS"),
        "NetCDF" => file_type("NETCDF", "NetCDF"),
        "FGDB" => file_type("GDB", "Esri File Geodatabase"),
        "ODT" => file_type("ODT", "ODT"),
        _ => return None,
    })
}

const fn frequency(code: &'static str, label: &'static str) -> Concept {
    Concept { list: "frequency", code, label }
}

/// Minutes between updates that the frequency list has a code for.
const MINUTE_CODES: &[(u32, &str, &str)] = &[
    (1, "1MIN", "Every minute"),
    (5, "5MIN", "Every five minutes"),
    (10, "10MIN", "Every ten minutes"),
    (15, "15MIN", "Every fifteen minutes"),
    (30, "30MIN", "Every thirty minutes"),
    (60, "HOURLY", "Hourly"),
    (120, "BIHOURLY", "Bihourly"),
    (180, "TRIHOURLY", "Trihourly"),
    (720, "12HRS", "Every twelve hours"),
];

/// The EU frequency of a SCHEMA.md frequency token.
pub fn frequency_of(token: &str) -> Concept {
    match token {
        "real-time" => frequency("UPDATE_CONT", "Continuously updated"),
        "hourly" => frequency("HOURLY", "Hourly"),
        "daily" => frequency("DAILY", "Daily"),
        "weekly" => frequency("WEEKLY", "Weekly"),
        "fortnightly" => frequency("BIWEEKLY", "Biweekly"),
        "monthly" => frequency("MONTHLY", "Monthly"),
        "bimonthly" => frequency("BIMONTHLY", "Bimonthly"),
        "quarterly" => frequency("QUARTERLY", "Quarterly"),
        "half-yearly" => frequency("ANNUAL_2", "Semiannual"),
        "annually" => frequency("ANNUAL", "Annual"),
        "biennially" => frequency("BIENNIAL", "Biennial"),
        "as-needed" => frequency("AS_NEEDED", "As needed"),
        "one-off" => frequency("NEVER", "Never"),
        t => t
            .strip_prefix("every-")
            .and_then(|rest| rest.strip_suffix("-minutes"))
            .and_then(|n| n.parse::<u32>().ok())
            .and_then(|n| MINUTE_CODES.iter().find(|(m, _, _)| *m == n))
            .map_or(frequency("OTHER", "Other"), |(_, code, label)| frequency(code, label)),
    }
}

/// The EU language of a plan's language (both Chinese scripts are ZHO).
pub fn language_of(language: Language) -> Concept {
    match language {
        Language::En => Concept { list: "language", code: "ENG", label: "English" },
        Language::ZhHant | Language::ZhHans => Concept { list: "language", code: "ZHO", label: "Chinese" },
    }
}

/// Where a dataset stands: planned in a plan, released (section D), or
/// dropped (planned in an earlier plan of its publisher and gone from the
/// latest without being released).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Planned,
    Released,
    Dropped,
}

impl State {
    /// From a record's status ("released" or anything else, i.e. planned).
    pub fn of_status(status: &str) -> State {
        if status == "released" { State::Released } else { State::Planned }
    }

    /// The code shared by the dataset-status and distribution-status lists.
    fn code(self) -> (&'static str, &'static str) {
        match self {
            State::Planned => ("DEVELOP", "Under development"),
            State::Released => ("COMPLETED", "Completed"),
            State::Dropped => ("WITHDRAWN", "Withdrawn"),
        }
    }

    /// The profile's way: `adms:status` of a distribution, from the
    /// distribution-status list.
    pub fn distribution_status(self) -> Concept {
        let (code, label) = self.code();
        Concept { list: "distribution-status", code, label }
    }

    /// The same on the dataset (the dataset-status list), so that a dataset
    /// without distributions still says it.
    pub fn dataset_status(self) -> Concept {
        let (code, label) = self.code();
        Concept { list: "dataset-status", code, label }
    }
}

/// A portal a plan names for a dataset: how it is written, and its landing page.
pub struct Portal {
    pub names: &'static [&'static str],
    pub landing_page: &'static str,
    pub title: &'static str,
}

pub const PORTALS: &[Portal] = &[
    Portal {
        names: &["DATA.GOV.HK", "資料一線通", "资料一线通"],
        landing_page: "https://data.gov.hk/",
        title: "DATA.GOV.HK",
    },
    Portal {
        names: &["CSDI Portal", "空間數據共享平台", "空间数据共享平台"],
        landing_page: "https://portal.csdi.gov.hk/",
        title: "CSDI Portal",
    },
];

/// The portals a row's description names, in table order. White space is
/// ignored, since a wrapped cell can split a name.
pub fn portals_named(description: &[String]) -> Vec<&'static Portal> {
    let text: String = description
        .iter()
        .flat_map(|d| d.chars())
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    PORTALS
        .iter()
        .filter(|p| {
            p.names.iter().any(|n| {
                let n: String = n.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect();
                text.contains(&n)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_in_both_languages_has_its_themes() {
        let codes = |c: &str| themes(c).iter().map(|t| t.code).collect::<Vec<_>>();
        for (names, expected) in CATEGORY_THEMES {
            assert!(names.len() >= 2, "{names:?} needs English and Chinese names");
            for n in *names {
                assert_eq!(codes(n), expected.iter().map(|t| t.code).collect::<Vec<_>>(), "{n}");
            }
        }
        assert_eq!(codes("Transport"), ["TRAN"]);
        assert_eq!(codes("運輸"), ["TRAN"]);
        assert_eq!(codes(" climate  and weather "), ["ENVI"]);
        assert_eq!(codes("康樂及文化"), ["EDUC"]);
        assert_eq!(codes("就業及勞工"), ["ECON", "SOCI"]);
        assert!(codes("雜項").is_empty());
        assert!(codes("Transpor").is_empty(), "a cut word is not guessed");
        assert_eq!(themes("Health")[0].iri(), "http://publications.europa.eu/resource/authority/data-theme/HEAL");
    }

    #[test]
    fn the_themes_are_the_eu_list() {
        let eu =
            ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"];
        for (_, ts) in CATEGORY_THEMES {
            for t in *ts {
                assert!(eu.contains(&t.code), "{}", t.code);
            }
        }
    }

    #[test]
    fn every_schema_token_has_an_eu_frequency() {
        let tokens = [
            "real-time",
            "every-15-minutes",
            "every-60-minutes",
            "every-7-minutes",
            "hourly",
            "daily",
            "weekly",
            "fortnightly",
            "monthly",
            "bimonthly",
            "quarterly",
            "half-yearly",
            "annually",
            "biennially",
            "as-needed",
            "one-off",
            "other",
        ];
        let codes: Vec<&str> = tokens.iter().map(|t| frequency_of(t).code).collect();
        assert_eq!(
            codes,
            [
                "UPDATE_CONT",
                "15MIN",
                "HOURLY",
                "OTHER",
                "HOURLY",
                "DAILY",
                "WEEKLY",
                "BIWEEKLY",
                "MONTHLY",
                "BIMONTHLY",
                "QUARTERLY",
                "ANNUAL_2",
                "ANNUAL",
                "BIENNIAL",
                "AS_NEEDED",
                "NEVER",
                "OTHER"
            ]
        );
    }

    #[test]
    fn every_format_records_use_is_a_file_type_or_said_not_to_be() {
        let not_file_types = ["API", "GRIB"];
        for f in crate::segment::patterns::FORMATS {
            assert_eq!(file_type_of(f).is_none(), not_file_types.contains(f), "{f}");
        }
        assert_eq!(file_type_of("WMS").map(|c| c.code), Some("WMS_SRVC"));
        assert_eq!(file_type_of("GeoJSON").map(|c| c.code), Some("GEOJSON"));
    }

    #[test]
    fn portals_are_found_in_either_language_and_across_a_wrap() {
        let d = |s: &str| vec![s.to_owned()];
        let titles = |s: &str| portals_named(&d(s)).iter().map(|p| p.title).collect::<Vec<_>>();
        assert_eq!(titles("Data will be released in CSV format on DATA.GOV.HK."), ["DATA.GOV.HK"]);
        assert_eq!(titles("在「空間數據共享 平台」網站以GeoJSON格式開放數據。"), ["CSDI Portal"]);
        assert_eq!(titles("on data.gov.hk and the CSDI portal"), ["DATA.GOV.HK", "CSDI Portal"]);
        assert!(titles("Released on the department's website.").is_empty());
    }

    #[test]
    fn states_use_the_eu_status_lists() {
        assert_eq!(
            State::of_status("planned").distribution_status().iri(),
            "http://publications.europa.eu/resource/authority/distribution-status/DEVELOP"
        );
        assert_eq!(State::of_status("released").dataset_status().code, "COMPLETED");
        assert_eq!(State::Dropped.distribution_status().code, "WITHDRAWN");
    }
}
