"""The demo catalog: invented artists, their releases and who played what on each track."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DemoArtist:
    name: str
    bio: str
    genres: tuple[str, ...]


@dataclass(frozen=True)
class DemoCredit:
    artist: str
    role: str
    detail: str | None = None


@dataclass(frozen=True)
class DemoTrack:
    title: str
    length: str  # "m:ss"
    explicit: bool = False
    featuring: tuple[str, ...] = ()
    credits: tuple[DemoCredit, ...] = ()

    @property
    def duration_ms(self) -> int:
        minutes, seconds = self.length.split(":")
        return (int(minutes) * 60 + int(seconds)) * 1000


@dataclass(frozen=True)
class DemoAlbum:
    title: str
    album_type: str
    release_date: date
    artists: tuple[str, ...]
    genres: tuple[str, ...]
    isrc_registrant: str  # country code + registrant, e.g. "QZMV5"
    # Credits every track of the release shares (production, mixing, mastering).
    credits: tuple[DemoCredit, ...]
    tracks: tuple[DemoTrack, ...]

    def isrc(self, track_number: int) -> str:
        return f"{self.isrc_registrant}{self.release_date.year % 100:02d}{track_number:05d}"


def _t(title: str, length: str, *credits: DemoCredit, **extra: object) -> DemoTrack:
    return DemoTrack(title, length, credits=credits, **extra)  # type: ignore[arg-type]


C = DemoCredit
MARLOW, VELVET, AIYANA, KATO = "Marlow Vance", "The Velvet Static", "Aiyana Brooks", "Kato Reyes"
NORDLYS, LUMA, HALCYON, JUNIPER = (
    "Nordlys Ensemble",
    "Luma & The Drifters",
    "DJ Halcyon",
    "Sister Juniper",
)
THEO, ROSA, JONAH, MEI = "Theo Lindqvist", "Rosa Mendel", "Jonah Achebe", "Mei Tanaka"

DEMO_ARTISTS = (
    DemoArtist(MARLOW, "Singer-songwriter from a fishing town on the northern coast; hushed "
               "vocals over fingerpicked guitar.", ("Folk", "Singer-Songwriter")),
    DemoArtist(VELVET, "Four-piece from Leeds that turns shoegaze walls of sound into "
               "radio-sized indie rock.", ("Indie Rock", "Shoegaze")),
    DemoArtist(AIYANA, "Soul singer and pianist; her debut was recorded live to tape in "
               "six days.", ("R&B", "Soul")),
    DemoArtist(KATO, "Queens rapper writing about night shifts, buses and family.",
               ("Hip-Hop",)),
    DemoArtist(NORDLYS, "Tromsø chamber-jazz quintet writing long-form suites about the "
               "polar seasons.", ("Jazz", "Neo-Classical")),
    DemoArtist(LUMA, "Synthpop trio built around Luma Okoro's drum machines and "
               "arcade-bright hooks.", ("Synthpop", "Pop")),
    DemoArtist(HALCYON, "Berlin house producer and DJ with a taste for space-age samples.",
               ("House", "Electronica")),
    DemoArtist(JUNIPER, "Americana songwriter from the Blue Ridge foothills, backed by a "
               "pedal-steel band.", ("Country", "Americana")),
    DemoArtist(THEO, "Stockholm producer and mixing engineer behind a string of indie "
               "records.", ("Indie Rock", "Pop")),
    DemoArtist(ROSA, "Mixing and mastering engineer; runs a small analogue studio in "
               "Hamburg.", ("Electronica",)),
    DemoArtist(JONAH, "Session drummer and percussionist, at home in jazz and funk.",
               ("Jazz", "Funk")),
    DemoArtist(MEI, "Violinist and string arranger for records and film.",
               ("Classical", "Neo-Classical")),
)  # fmt: skip

DEMO_ALBUMS = (
    DemoAlbum("Paper Lanterns", "album", date(2019, 4, 12), (MARLOW,),
        ("Folk", "Singer-Songwriter"), "QZMV5",
        (C(THEO, "producer"), C(ROSA, "mastering_engineer")), (
        _t("Harbour Lights", "3:48", C(MARLOW, "composer"), C(MARLOW, "lyricist")),
        _t("Paper Lanterns", "4:12", C(MARLOW, "composer"), C(MEI, "performer", "violin")),
        _t("The Long Way North", "5:01", C(MARLOW, "composer"), C(MEI, "arranger", "strings")),
        _t("Salt on the Window", "3:27", C(MARLOW, "composer")),
        _t("Kestrel", "2:55", C(MARLOW, "composer"), C(MARLOW, "performer", "acoustic guitar")),
        _t("Letters I Never Sent", "4:36", C(MARLOW, "composer"), C(JONAH, "performer", "brushes")),
        _t("Low Tide Hymn", "6:02", C(MARLOW, "composer"), C(MEI, "performer", "cello")),
    )),
    DemoAlbum("Cold Harbour", "ep", date(2022, 11, 4), (MARLOW,), ("Folk",), "QZMV5",
        (C(THEO, "producer"), C(THEO, "mixing_engineer")), (
        _t("Cold Harbour", "3:55", C(MARLOW, "composer")),
        _t("Ferry at Dawn", "4:20", C(MARLOW, "composer"), C(MEI, "performer", "violin")),
        _t("Lighthouse Keeper", "3:40", C(MARLOW, "composer"), C(JUNIPER, "lyricist"),
           featuring=(JUNIPER,)),
        _t("Cold Harbour (Piano Version)", "3:58", C(AIYANA, "performer", "piano")),
    )),
    DemoAlbum("Neon Tide", "album", date(2018, 9, 21), (VELVET,), ("Indie Rock", "Shoegaze"),
        "QZVS1", (C(THEO, "producer"), C(ROSA, "mixing_engineer"), C(ROSA, "mastering_engineer")), (
        _t("Neon Tide", "4:05", C(VELVET, "composer")),
        _t("Static Bloom", "3:33", C(VELVET, "composer")),
        _t("Parking Lot Prayer", "4:48", C(VELVET, "composer"), C(MEI, "performer", "viola")),
        _t("Westbound", "3:12", C(VELVET, "composer")),
        _t("Glass Satellites", "5:20", C(VELVET, "composer"), C(HALCYON, "co_producer")),
        _t("Overexposed", "3:01", C(VELVET, "composer"), explicit=True),
        _t("Slow Dissolve", "6:44", C(VELVET, "composer"), C(JONAH, "performer", "percussion")),
    )),
    DemoAlbum("Satellite Hearts", "single", date(2023, 6, 2), (VELVET,), ("Indie Rock",),
        "QZVS1", (C(ROSA, "mastering_engineer"),), (
        _t("Satellite Hearts", "3:36", C(VELVET, "composer"), C(THEO, "producer")),
        _t("Satellite Hearts (Extended Mix)", "6:10", C(VELVET, "composer"),
           C(HALCYON, "producer"), featuring=(HALCYON,)),
    )),
    DemoAlbum("Gold Hour", "album", date(2021, 3, 19), (AIYANA,), ("R&B", "Soul"), "QZAB7",
        (C(AIYANA, "producer"), C(THEO, "co_producer"), C(ROSA, "mixing_engineer")), (
        _t("Gold Hour", "3:44", C(AIYANA, "composer"), C(AIYANA, "performer", "piano")),
        _t("Honey & Smoke", "4:01", C(AIYANA, "composer"), C(JONAH, "performer", "drums")),
        _t("Call Me Back", "3:29", C(AIYANA, "composer")),
        _t("Velvet Morning", "4:15", C(AIYANA, "composer"), C(JONAH, "performer", "drums"),
           C(MEI, "arranger", "strings")),
        _t("Slow Burn", "3:52", C(AIYANA, "composer"), C(KATO, "lyricist"), explicit=True,
           featuring=(KATO,)),
        _t("Sunday Kitchen", "3:18", C(AIYANA, "composer")),
        _t("Gold Hour (Reprise)", "1:47", C(AIYANA, "composer")),
    )),
    DemoAlbum("Concrete Lullabies", "album", date(2020, 8, 14), (KATO,), ("Hip-Hop",), "QZKR2",
        (C(HALCYON, "producer"), C(ROSA, "mixing_engineer")), (
        _t("Intro (Block Party)", "1:32", C(KATO, "lyricist")),
        _t("Concrete Lullabies", "3:41", C(KATO, "lyricist"), explicit=True),
        _t("Night Bus", "3:15", C(KATO, "lyricist"), explicit=True),
        _t("Mama's Radio", "4:02", C(KATO, "lyricist"), C(AIYANA, "composer"),
           featuring=(AIYANA,)),
        _t("Rooftop Sermon", "3:58", C(KATO, "lyricist"), C(JONAH, "performer", "drums"),
           explicit=True),
        _t("Streetlight Choir", "3:27", C(KATO, "lyricist"), C(MEI, "performer", "violin")),
        _t("Outro (Thank You)", "2:10", C(KATO, "lyricist")),
    )),
    DemoAlbum("Fjord Suites", "album", date(2017, 2, 10), (NORDLYS,), ("Jazz", "Neo-Classical"),
        "QZNE4", (C(NORDLYS, "producer"), C(ROSA, "mastering_engineer"),
                  C(JONAH, "performer", "percussion"), C(MEI, "performer", "violin")), (
        _t("Suite I: Morning Fog", "7:12", C(NORDLYS, "composer")),
        _t("Suite II: Lantern Fish", "6:35", C(NORDLYS, "composer"), C(MEI, "arranger")),
        _t("Suite III: Midnight Sun", "8:49", C(NORDLYS, "composer")),
        _t("Suite IV: Return", "5:58", C(NORDLYS, "composer")),
    )),
    DemoAlbum("Afterglow Arcade", "album", date(2024, 5, 17), (LUMA,), ("Synthpop", "Pop"),
        "QZLD9", (C(LUMA, "producer"), C(THEO, "mixing_engineer")), (
        _t("Afterglow Arcade", "3:34", C(LUMA, "composer")),
        _t("Pixel Heart", "3:08", C(LUMA, "composer")),
        _t("Night Drive Forever", "4:11", C(LUMA, "composer"), C(HALCYON, "co_producer")),
        _t("Cherry Cola Sky", "3:22", C(LUMA, "composer")),
        _t("Lose Control (In Slow Motion)", "3:57", C(LUMA, "composer")),
        _t("Last Level", "4:44", C(LUMA, "composer"), C(JONAH, "performer", "drums")),
    )),
    DemoAlbum("Low Orbit", "ep", date(2023, 10, 13), (HALCYON,), ("House", "Electronica"),
        "QZDH3", (C(HALCYON, "producer"), C(ROSA, "mastering_engineer")), (
        _t("Low Orbit", "6:22", C(HALCYON, "composer")),
        _t("Gravity Well", "5:48", C(HALCYON, "composer"), C(LUMA, "lyricist"),
           featuring=(LUMA,)),
        _t("Skylab", "7:03", C(HALCYON, "composer")),
        _t("Re-Entry", "5:15", C(HALCYON, "composer"), C(JONAH, "performer", "congas")),
    )),
    DemoAlbum("Dust & Devotion", "album", date(2016, 7, 8), (JUNIPER,), ("Country", "Americana"),
        "QZSJ8", (C(THEO, "producer"), C(ROSA, "mixing_engineer")), (
        _t("Dust & Devotion", "3:49", C(JUNIPER, "composer")),
        _t("Red Clay Road", "3:21", C(JUNIPER, "composer")),
        _t("Whiskey Psalm", "4:07", C(JUNIPER, "composer"), C(MEI, "performer", "fiddle")),
        _t("Porch Light", "3:36", C(JUNIPER, "composer"), C(MARLOW, "performer",
           "harmony vocals")),
        _t("Tumbleweed Waltz", "3:05", C(JUNIPER, "composer"), C(JUNIPER, "performer",
           "pedal steel guitar")),
        _t("Carry Me Home, Carolina", "4:28", C(JUNIPER, "composer"), featuring=(MARLOW,)),
    )),
)  # fmt: skip
