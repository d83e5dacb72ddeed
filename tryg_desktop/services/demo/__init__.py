"""The demo data: invented partners, meetings, places, efforts and episodes."""
