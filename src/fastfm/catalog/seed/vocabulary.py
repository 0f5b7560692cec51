"""Word lists the synthetic catalog builds names and titles from (invented, no real works)."""

from __future__ import annotations

GENRES = (
    "Rock",
    "Indie Rock",
    "Alternative",
    "Punk",
    "Post-Punk",
    "Metal",
    "Pop",
    "Synthpop",
    "Dream Pop",
    "K-Pop",
    "Hip-Hop",
    "Trap",
    "R&B",
    "Soul",
    "Funk",
    "Disco",
    "House",
    "Techno",
    "Drum and Bass",
    "Ambient",
    "Electronica",
    "Jazz",
    "Bebop",
    "Blues",
    "Country",
    "Americana",
    "Folk",
    "Singer-Songwriter",
    "Classical",
    "Neo-Classical",
    "Reggae",
    "Dub",
    "Latin",
    "Reggaeton",
    "Bossa Nova",
    "Afrobeat",
    "Gospel",
    "Lo-Fi",
    "Shoegaze",
    "Grunge",
    "Ska",
    "World",
)

FIRST_NAMES = (
    "Ada", "Ben", "Cleo", "Dario", "Elif", "Finn", "Greta", "Hugo", "Ines", "Jonas",
    "Kira", "Leon", "Maya", "Nico", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tess",
    "Umar", "Vera", "Wes", "Xenia", "Yuki", "Zane", "Amara", "Bruno", "Chloe", "Dmitri",
    "Esme", "Felix", "Gaia", "Hana", "Ivo", "Jade", "Kofi", "Lena", "Milo", "Noor",
    "Otis", "Priya", "Rafael", "Sofia", "Tomas", "Uma", "Viktor", "Willa", "Yara", "Zoe",
)  # fmt: skip

LAST_NAMES = (
    "Abbott", "Baker", "Castillo", "Dubois", "Eriksen", "Fontaine", "Garcia", "Haddad",
    "Ivanova", "Jensen", "Kowalski", "Lindgren", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quintero", "Rossi", "Silva", "Takahashi", "Ulrich", "Varga", "Weller", "Xu", "Yilmaz",
    "Zeller", "Achebe", "Bianchi", "Costa", "Delgado", "Engel", "Fischer", "Grant", "Holm",
    "Ibarra", "Joshi", "Keller", "Laurent", "Mendes", "Novak", "Olsen", "Park", "Reyes",
    "Sato", "Torres", "Vance", "Walsh", "Young", "Zhou", "Marsh",
)  # fmt: skip

ADJECTIVES = (
    "Golden", "Silver", "Velvet", "Electric", "Midnight", "Neon", "Broken", "Wild",
    "Quiet", "Hollow", "Crimson", "Paper", "Glass", "Silent", "Distant", "Burning",
    "Frozen", "Lonely", "Secret", "Endless", "Lucky", "Restless", "Gentle", "Faded",
    "Northern", "Southern", "Lost", "Blue", "Scarlet", "Amber", "Violet", "Hidden",
    "Sweet", "Bitter", "Slow", "Bright", "Dark", "Little", "Sacred", "Static",
)  # fmt: skip

NOUNS = (
    "Heart", "River", "Night", "Love", "Fire", "Summer", "Ocean", "Dream", "Garden",
    "Highway", "Mirror", "Shadow", "Window", "Thunder", "Letter", "Harbour", "Signal",
    "Satellite", "Echo", "Lantern", "Compass", "Horizon", "Avenue", "Stranger", "Season",
    "Machine", "Island", "Mountain", "Rain", "Storm", "Moon", "Sun", "Star", "City",
    "Road", "Tide", "Wave", "Ghost", "Angel", "Diamond", "Feather", "Candle", "Ember",
    "Winter", "Morning", "Evening", "Kingdom", "Parade", "Carousel", "Orchard",
)  # fmt: skip

BAND_NOUNS = (
    "Foxes", "Ravens", "Tigers", "Lanterns", "Drifters", "Satellites", "Pilots", "Wolves",
    "Sparrows", "Comets", "Strangers", "Architects", "Sailors", "Dreamers", "Ghosts",
    "Echoes", "Rivals", "Wanderers", "Saints", "Giants",
)  # fmt: skip

TITLE_TAILS = (
    "Again", "Tonight", "Forever", "in Bloom", "on Fire", "at Dawn", "Goodbye", "Undone",
    "Reprise", "Remastered", "Interlude", "(Live)", "Part II", "Revisited", "Nights",
)  # fmt: skip

INSTRUMENTS = (
    "drums", "bass guitar", "electric guitar", "acoustic guitar", "piano", "keyboards",
    "synthesizer", "violin", "cello", "saxophone", "trumpet", "backing vocals",
    "percussion", "pedal steel guitar", "harmonica", "upright bass", "organ", "flute",
)  # fmt: skip

BIOS = (
    "Independent artist blending {g} with late-night storytelling.",
    "Formed in a rehearsal room above a laundromat; known for loud, warm {g}.",
    "Producer and multi-instrumentalist working across {g} and film scores.",
    "Touring act whose {g} records grew out of years of open-mic nights.",
    "Studio project exploring the edges of {g}.",
)
