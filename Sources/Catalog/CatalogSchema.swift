/// The JSON Schema (draft 2020-12) of `data/neighbours.json`, shipped beside it.
public enum CatalogSchema {
    public static let neighbours = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "neighbours.schema.json",
      "title": "Backbeat neighbour table",
      "description": "Precomputed most and least similar tracks of a Backbeat catalog. Distances are cosine distances (1 - cos) between similarity vectors, in [0, 2]; top lists are ranked by the hub-corrected score (CSLS: cos - (r_a + r_b) / 2), leave out versions of the track and keep at most spread.max_per_artist / max_per_album of one artist / album. Schema 2 added score, why, versions, radio, album_artist, track, disc and parameters.spread.",
      "type": "object",
      "required": ["schema_version", "generator", "parameters", "tracks"],
      "additionalProperties": false,
      "properties": {
        "schema_version": {"const": 2},
        "generator": {"type": "string"},
        "parameters": {
          "type": "object",
          "required": ["feature_version", "sample_rate", "n_fft", "hop_length", "n_mels", "n_mfcc", "max_seconds",
                       "weights", "metric", "index", "top_k", "bottom_k", "seed", "spread"],
          "additionalProperties": false,
          "properties": {
            "feature_version": {"type": "integer", "minimum": 1},
            "sample_rate": {"type": "integer", "minimum": 1},
            "n_fft": {"type": "integer", "minimum": 1},
            "hop_length": {"type": "integer", "minimum": 1},
            "n_mels": {"type": "integer", "minimum": 1},
            "n_mfcc": {"type": "integer", "minimum": 1},
            "max_seconds": {"type": ["number", "null"], "exclusiveMinimum": 0},
            "weights": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}},
            "metric": {"enum": ["angular"]},
            "index": {"enum": ["exact", "forest", "lsh", "graph"]},
            "top_k": {"type": "integer", "minimum": 0},
            "bottom_k": {"type": "integer", "minimum": 0},
            "seed": {"type": "integer", "minimum": 0},
            "spread": {
              "type": "object",
              "required": ["max_per_artist", "max_per_album"],
              "additionalProperties": false,
              "properties": {
                "max_per_artist": {"type": "integer", "minimum": 0, "description": "0: no cap"},
                "max_per_album": {"type": "integer", "minimum": 0, "description": "0: no cap"}
              }
            }
          }
        },
        "tracks": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "file", "title", "artist", "album", "genre", "album_artist", "track", "disc", "duration_s", "tempo_bpm", "tempo_confidence", "top", "bottom", "versions", "radio"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
              "file": {"type": "string", "description": "path relative to the dataset root, '/'-separated"},
              "title": {"type": "string"},
              "artist": {"type": ["string", "null"]},
              "album": {"type": ["string", "null"]},
              "genre": {"type": ["string", "null"]},
              "album_artist": {"type": ["string", "null"]},
              "track": {"type": ["integer", "null"], "minimum": 1},
              "disc": {"type": ["integer", "null"], "minimum": 1},
              "duration_s": {"type": "number", "minimum": 0},
              "tempo_bpm": {"type": "number", "minimum": 0},
              "tempo_confidence": {"type": "number", "minimum": 0, "maximum": 1},
              "top": {"$ref": "#/$defs/neighbours"},
              "bottom": {"$ref": "#/$defs/neighbours"},
              "versions": {"type": "array", "description": "ids of the other files of the same recording", "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
              "radio": {"type": "array", "description": "the track's radio: up to 20 tracks after it, in playing order", "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}}
            }
          }
        }
      },
      "$defs": {
        "neighbours": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "distance", "score", "why"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
              "distance": {"type": "number", "minimum": 0, "maximum": 2},
              "score": {"type": "number", "minimum": -2, "maximum": 2},
              "why": {
                "type": "object",
                "description": "each part's share of the similarity, c_P / sum |c_Q| with c_P the part's term of the cosine (negative: the part pulled the pair apart), and a phrase",
                "required": ["phrase", "groove", "pulse", "tempo", "timbre"],
                "additionalProperties": false,
                "properties": {
                  "phrase": {"type": "string"},
                  "groove": {"type": "number", "minimum": -1, "maximum": 1},
                  "pulse": {"type": "number", "minimum": -1, "maximum": 1},
                  "tempo": {"type": "number", "minimum": -1, "maximum": 1},
                  "timbre": {"type": "number", "minimum": -1, "maximum": 1}
                }
              }
            }
          }
        }
      }
    }

    """#
}
