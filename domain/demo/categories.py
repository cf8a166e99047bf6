"""The demo brand's merchandise categories: season, price range, sizes, and how demand for each
depends on the weather (the temperature at which it sells best, how narrowly, and the floor it
keeps off-season)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalogue.models import Season

APPAREL = (("XS", "S", "M", "L", "XL", "XXL"), (0.06, 0.18, 0.28, 0.26, 0.15, 0.07))
TOPS = (("S", "M", "L", "XL"), (0.2, 0.33, 0.3, 0.17))
DRESS = (("XS", "S", "M", "L", "XL"), (0.1, 0.26, 0.32, 0.22, 0.1))
WAIST = (
    ("26", "27", "28", "29", "30", "31", "32", "34"),
    (0.07, 0.1, 0.14, 0.16, 0.17, 0.14, 0.13, 0.09),
)
ONE_SIZE = (("F",), (1.0,))

Words = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CategoryPlan:
    """One category of the catalogue and its demand behaviour."""

    key: str
    code: str
    name_zh: str
    season: Season
    share: float  # of the styles
    price: tuple[int, int]  # retail price range, CNY
    sizes: tuple[tuple[str, ...], tuple[float, ...]]
    best_temperature: float  # °C
    cold_width: float  # °C: how fast demand falls when it is colder than best
    warm_width: float  # °C: … and when it is warmer
    floor: float  # demand far from the best temperature, relative to the peak
    units: float  # relative units per style and day at the peak
    nouns: Words
    modifiers: Words
    packs: tuple[int, ...] = (1,)


# fmt: off
CATEGORIES: tuple[CategoryPlan, ...] = (
    CategoryPlan(
        "coats", "CT", "大衣", Season.AUTUMN_WINTER, 0.09, (599, 1599), APPAREL, 3, 12, 6, 0.03, 0.55,
        (("大衣", "coat"), ("长款大衣", "long coat"), ("风衣", "trench coat"), ("短外套", "short jacket")),
        (("双面呢", "double-faced wool"), ("格纹", "check"), ("廓形", "oversized"), ("翻领", "lapel"),
         ("茧型", "cocoon"), ("连帽", "hooded"), ("羊绒混纺", "cashmere-blend"), ("系带", "belted")),
    ),
    CategoryPlan(
        "down_jackets", "DJ", "羽绒服", Season.AUTUMN_WINTER, 0.08, (499, 1299), APPAREL, -8, 20, 7, 0.02, 0.7,
        (("羽绒服", "down jacket"), ("长款羽绒服", "long down coat"), ("羽绒马甲", "down vest")),
        (("轻薄", "lightweight"), ("加厚", "heavyweight"), ("连帽", "hooded"), ("立领", "stand-collar"),
         ("面包", "puffer"), ("亮面", "glossy"), ("收腰", "fitted")),
    ),
    CategoryPlan(
        "knitwear", "KN", "针织", Season.AUTUMN_WINTER, 0.11, (199, 499), APPAREL, 6, 14, 7, 0.06, 1.0,
        (("毛衣", "sweater"), ("开衫", "cardigan"), ("针织衫", "knit top"), ("高领毛衣", "turtleneck")),
        (("羊毛", "wool"), ("麻花", "cable-knit"), ("宽松", "relaxed"), ("条纹", "striped"),
         ("V领", "V-neck"), ("圆领", "crew-neck"), ("马海毛", "mohair")),
    ),
    CategoryPlan(
        "sweatshirts", "SW", "卫衣", Season.ALL_SEASON, 0.07, (159, 329), TOPS, 13, 9, 7, 0.1, 1.0,
        (("卫衣", "sweatshirt"), ("连帽卫衣", "hoodie")),
        (("加绒", "fleece-lined"), ("印花", "printed"), ("基础", "basic"), ("拼接", "panelled"),
         ("落肩", "drop-shoulder")),
    ),
    CategoryPlan(
        "shirts", "SH", "衬衫", Season.ALL_SEASON, 0.09, (149, 299), APPAREL, 20, 8, 8, 0.2, 1.0,
        (("衬衫", "shirt"), ("牛津纺衬衫", "oxford shirt"), ("衬衣", "blouse")),
        (("纯棉", "cotton"), ("亚麻", "linen"), ("条纹", "striped"), ("格子", "check"),
         ("免烫", "non-iron"), ("宽松", "relaxed")),
    ),
    CategoryPlan(
        "t_shirts", "TS", "T恤", Season.SPRING_SUMMER, 0.13, (59, 149), TOPS, 30, 6, 20, 0.06, 2.0,
        (("T恤", "T-shirt"), ("Polo衫", "polo shirt"), ("背心", "tank top")),
        (("纯棉", "cotton"), ("印花", "graphic"), ("圆领", "crew-neck"), ("宽松", "boxy"),
         ("速干", "quick-dry"), ("条纹", "striped"), ("基础", "basic"), ("刺绣", "embroidered")),
    ),
    CategoryPlan(
        "dresses", "DR", "连衣裙", Season.SPRING_SUMMER, 0.09, (199, 499), DRESS, 27, 6, 15, 0.06, 0.9,
        (("连衣裙", "dress"), ("衬衫裙", "shirt dress"), ("吊带裙", "slip dress")),
        (("碎花", "floral"), ("雪纺", "chiffon"), ("收腰", "waisted"), ("亚麻", "linen"),
         ("针织", "knit"), ("A字", "A-line")),
    ),
    CategoryPlan(
        "jeans", "JN", "牛仔裤", Season.ALL_SEASON, 0.09, (199, 399), WAIST, 14, 18, 16, 0.4, 1.1,
        (("牛仔裤", "jeans"),),
        (("直筒", "straight"), ("修身", "slim"), ("阔腿", "wide-leg"), ("小脚", "skinny"),
         ("高腰", "high-rise"), ("水洗", "washed"), ("弹力", "stretch")),
    ),
    CategoryPlan(
        "trousers", "TR", "休闲裤", Season.ALL_SEASON, 0.07, (159, 329), WAIST, 14, 14, 14, 0.35, 0.9,
        (("休闲裤", "trousers"), ("工装裤", "cargo trousers"), ("西裤", "tailored trousers")),
        (("九分", "cropped"), ("直筒", "straight"), ("束脚", "jogger"), ("垂感", "drapey"),
         ("灯芯绒", "corduroy")),
    ),
    CategoryPlan(
        "shorts", "SR", "短裤", Season.SPRING_SUMMER, 0.07, (79, 199), TOPS, 30, 5, 20, 0.03, 1.3,
        (("短裤", "shorts"), ("牛仔短裤", "denim shorts")),
        (("休闲", "casual"), ("运动", "sport"), ("亚麻", "linen"), ("工装", "cargo"),
         ("高腰", "high-waisted")),
    ),
    CategoryPlan(
        "accessories", "AC", "配饰", Season.ALL_SEASON, 0.07, (39, 199), ONE_SIZE, 12, 30, 30, 0.8, 0.9,
        (("帽子", "cap"), ("围巾", "scarf"), ("皮带", "belt"), ("托特包", "tote bag"),
         ("发饰", "hair clip set")),
        (("简约", "classic"), ("针织", "knit"), ("皮质", "leather"), ("帆布", "canvas"),
         ("格纹", "check")),
        packs=(1, 1, 1, 2),
    ),
    CategoryPlan(
        "socks", "SK", "袜子", Season.ALL_SEASON, 0.04, (19, 49), ONE_SIZE, 5, 30, 30, 0.8, 1.5,
        (("袜子", "socks"), ("船袜", "ankle socks"), ("中筒袜", "crew socks")),
        (("纯棉", "cotton"), ("羊毛", "wool"), ("运动", "sport"), ("条纹", "striped")),
        packs=(3, 6),
    ),
)
# fmt: on

COLOURS: tuple[tuple[str, str], ...] = (
    ("BLK", "black"),
    ("WHT", "white"),
    ("NVY", "navy"),
    ("GRY", "grey"),
    ("CML", "camel"),
    ("BEG", "beige"),
    ("KHK", "khaki"),
    ("OLV", "olive"),
    ("BRG", "burgundy"),
    ("PNK", "pink"),
    ("LBL", "light blue"),
    ("RED", "red"),
)
