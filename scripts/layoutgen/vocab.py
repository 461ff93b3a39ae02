"""Word lists for random plan content, each entry an (English, Traditional Chinese) pair.

Nothing here names a real plan's rows: publishers are invented from topic + kind, and
dataset names from subject + measure templates, so a generated plan is new content in the
real plans' frame. Descriptions never put a slash between Latin words ("CSV/JSON" can wrap
after the slash, which the schema's joining rule would turn into "CSV/ JSON").
"""

# Publisher = topic + kind. Kinds carry their English word order.
TOPICS = [
    ("Harbour Safety", "海港安全"), ("Urban Renewal", "市區更新"), ("Digital Policy", "數字政策"),
    ("Water Resources", "水務資源"), ("Civil Engineering", "土木工程"), ("Leisure Services", "休閒服務"),
    ("Public Records", "公共檔案"), ("Rating and Valuation", "差餉物業估價"), ("Slope Safety", "斜坡安全"),
    ("Food Safety", "食物安全"), ("Climate Services", "氣候服務"), ("Rural Development", "鄉郊發展"),
    ("Youth Affairs", "青年事務"), ("Heritage Conservation", "文物保育"), ("Trade Statistics", "貿易統計"),
    ("Land Survey", "土地測量"), ("Community Care", "社區關懷"), ("Road Safety", "道路安全"),
    ("Energy Efficiency", "能源效益"), ("Waste Reduction", "減廢"), ("Public Health Laboratory", "公共衞生化驗"),
    ("Labour Relations", "勞資關係"), ("Marine Parks", "海岸公園"), ("Building Safety", "樓宇安全"),
    ("Innovation and Technology", "創新科技"), ("Culture, Sports and Tourism", "文化體育及旅遊"),
    ("Environment and Ecology", "環境及生態"), ("Housing, Planning and Lands", "房屋、規劃及地政"),
    ("Transport and Logistics", "運輸及物流"), ("Financial Services", "金融服務"),
]
KINDS = [
    ("{t} Department", "{t}署"), ("{t} Bureau", "{t}局"), ("Office of {t}", "{t}辦公室"),
    ("{t} Authority", "{t}管理局"), ("{t} Commission", "{t}委員會"), ("{t} Division", "{t}處"),
]

CATEGORIES = [
    ("Social Welfare", "社會福利"), ("Commerce and Industry", "工商業"), ("Housing, Planning and Land", "房屋、規劃及土地"),
    ("Transport", "運輸"), ("Environment", "環境"), ("Health", "衞生"), ("Education", "教育"), ("Finance", "財經"),
    ("Population", "人口"), ("Employment and Labour", "就業及勞工"), ("Law and Security", "法律及保安"),
    ("Recreation and Culture", "康樂及文化"), ("Information Technology and Broadcasting", "資訊科技及廣播"),
    ("City Management and Utilities", "城市管理及公用設施"), ("Climate and Weather", "氣候及天氣"),
    ("Food", "食物"), ("Development", "發展"), ("Miscellaneous", "其他"), ("Geography", "地理"),
    ("Technology and Broadcasting", "科技及廣播"), ("Infrastructure", "基礎建設"),
]

SUBJECTS = [
    ("public libraries", "公共圖書館"), ("cycle parks", "單車公園"), ("sports centres", "體育館"),
    ("fire hydrants", "消防栓"), ("bus stops", "巴士站"), ("public toilets", "公廁"),
    ("waste collection points", "廢物收集點"), ("elderly centres", "長者中心"), ("hospital beds", "醫院病床"),
    ("water quality monitoring stations", "水質監測站"), ("electric vehicle charging points", "電動車充電站"),
    ("street lights", "街燈"), ("registered slopes", "已登記斜坡"), ("heritage buildings", "歷史建築"),
    ("public markets", "公眾街市"), ("car parks", "停車場"), ("construction sites", "建築地盤"),
    ("noise barriers", "隔音屏障"), ("roadside trees", "路旁樹木"), ("flooding blackspots", "水浸黑點"),
    ("licensed restaurants", "持牌食肆"), ("community halls", "社區會堂"), ("air quality readings", "空氣質素數據"),
    ("rainfall stations", "雨量站"), ("job vacancies", "職位空缺"), ("social security cases", "社會保障個案"),
    ("school places", "學額"), ("visitor arrivals", "訪港旅客"), ("pedestrian flows", "行人流量"),
    ("gazetted beaches", "憲報公布泳灘"), ("start-up incubation programmes", "初創培育計劃"),
    ("funded research projects", "獲資助研究項目"), ("country park trails", "郊野公園遠足徑"),
    ("typhoon shelters", "避風塘"), ("recycling bins", "回收箱"), ("e-Payment kiosks", "電子繳費站"),
]

# Dataset name templates: {s} subject, {S} subject capitalised.
NAMES = [
    ("Locations of {s}", "{s}位置"), ("{S} (by district)", "{s}（按地區劃分）"), ("Statistics on {s}", "{s}統計數字"),
    ("Monthly statistics on {s}", "{s}每月統計數字"), ("Real-time information of {s}", "{s}實時資訊"),
    ("Opening hours of {s}", "{s}開放時間"), ("Utilisation rates of {s}", "{s}使用率"),
    ("Inventory of {s} in the New Territories and outlying islands", "新界及離島{s}清單"),
    ("{S} - supplementary information", "{s} - 補充資料"), ("{S}", "{s}"),
    ("Annual performance indicators of {s} managed by the department", "部門管理的{s}年度表現指標"),
    ("Geospatial data of {s}", "{s}地理空間數據"), ("Applications received for {s}", "{s}申請數目"),
]

# Description bullets. {s} subject, {F} {G} formats. Formats in the text are counted
# by generate.py from the filled text, so any template may name any format.
BULLETS = [
    ("Names, addresses and geographic coordinates of {s}.", "{s}的名稱、地址及地理坐標。"),
    ("Data include district, opening hours and facilities, updated by the responsible section.",
     "數據包括地區、開放時間及設施，由負責組別更新。"),
    ("Data will be released in {F} format on the CSDI Portal.", "在「空間數據共享平台」以{F}格式發放數據。"),
    ("Data will be provided in machine-readable formats (e.g. {F} and {G}) on DATA.GOV.HK.",
     "在「資料一線通」網站以機器可讀格式(如：{F}及{G}) 開放數據。"),
    ("An application programming interface (API) will be provided for developers.", "提供應用程式介面(API)供開發者使用。"),
    ("Figures are broken down by year, month and district to facilitate trend analysis by users.",
     "數據按年份、月份及地區劃分，方便使用者進行趨勢分析。"),
    ("Data are provided in both Chinese and English.", "數據以中英文提供。"),
    ("Number of applications received and approved, the names of the approved projects and the amount of funding granted.",
     "申請及獲批的數目、獲批項目的名稱和款項金額。"),
    ("{F} data will be available.", "提供{F}數據。"),
    ("Boundaries, areas and land use zoning of {s} in {F} and {G} formats.", "以{F}及{G}格式提供{s}的界線、面積及土地用途地帶。"),
    ("Historical records since 2015.", "提供自2015年起的歷史紀錄。"),
    ("Occupancy (in square feet) and number of tenants.", "租用率（平方呎）和租戶數量。"),
    ("Event dates and details, and the number of participants.", "活動日期和細節，以及參加者數目。"),
    ("Data are released in {F} on DATA.GOV.HK and in {G} on the CSDI Portal, together with the data dictionary.",
     "在「資料一線通」網站以{F}格式及在「空間數據共享平台」以{G}格式發放數據，並附數據字典。"),
    ("Real-time readings are refreshed automatically.", "實時讀數會自動更新。"),
]

FORMATS = ["CSV", "JSON", "XML", "XLSX", "GeoJSON", "SHP", "KML", "GML", "WMS", "API", "XLS", "KMZ", "WFS", "GTFS"]
FORMATS_SPATIAL = ["GeoJSON", "SHP", "KML", "GML", "WMS", "KMZ", "WFS"]
FORMATS_PLAIN = ["CSV", "JSON", "XML", "XLSX", "XLS", "CSV", "CSV"]

# (token, [English], [Chinese]) per shared/SCHEMA.md.
FREQUENCIES = [
    ("real-time", ["Real-time"], ["實時", "即時"]),
    ("hourly", ["Hourly"], ["每小時"]),
    ("daily", ["Daily"], ["每日", "每天"]),
    ("weekly", ["Weekly"], ["每星期", "每週", "每周"]),
    ("fortnightly", ["Fortnightly", "Bi-weekly"], ["每兩星期", "每兩週"]),
    ("monthly", ["Monthly"], ["每月"]),
    ("bimonthly", ["Bi-monthly", "Every two months"], ["每兩個月"]),
    ("quarterly", ["Quarterly"], ["每季", "每季度", "每三個月"]),
    ("half-yearly", ["Half-yearly", "Semi-annually"], ["每半年", "每六個月"]),
    ("annually", ["Annually", "Yearly"], ["每年"]),
    ("biennially", ["Biennially", "Every two years"], ["每兩年"]),
    ("as-needed", ["As needed", "As and when necessary", "When updated data are available", "Ad hoc", "Irregular"],
     ["有需要時", "按需要", "不定期", "當有更新數據時"]),
    ("one-off", ["One-off", "One-time"], ["一次性"]),
    ("other", ["Daily at 6:00am", "Twice a day and when updated data are available", "Every school year",
               "Monthly and ad hoc"], ["每天兩次及當有更新數據時", "每學年", "每日上午八時", "每月及不定期"]),
]
MINUTES = [5, 10, 15, 30]

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
QUARTERS_ZH = ["一", "二", "三", "四"]
