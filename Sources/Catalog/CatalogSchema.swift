/// The JSON Schema (draft 2020-12) of `data/neighbours.json`, shipped beside it.
public enum CatalogSchema {
    public static let neighbours = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "neighbours.schema.json",
      "title": "Backbeat neighbour table",
      "description": "Precomputed most and least similar tracks of a Backbeat catalog. Distances are cosine distances (1 - cos) between similarity vectors, in [0, 2].",
      "type": "object",
      "required": ["schema_version", "generator", "parameters", "tracks"],
      "additionalProperties": false,
      "properties": {
        "schema_version": {"const": 1},
        "generator": {"type": "string"},
        "parameters": {
          "type": "object",
          "required": ["feature_version", "sample_rate", "n_fft", "hop_length", "n_mels", "n_mfcc", "max_seconds",
                       "weights", "metric", "index", "top_k", "bottom_k", "seed"],
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
            "index": {"enum": ["exact", "forest", "lsh"]},
            "top_k": {"type": "integer", "minimum": 0},
            "bottom_k": {"type": "integer", "minimum": 0},
            "seed": {"type": "integer", "minimum": 0}
          }
        },
        "tracks": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "file", "title", "artist", "album", "genre", "duration_s", "tempo_bpm", "tempo_confidence", "top", "bottom"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
              "file": {"type": "string", "description": "path relative to the dataset root, '/'-separated"},
              "title": {"type": "string"},
              "artist": {"type": ["string", "null"]},
              "album": {"type": ["string", "null"]},
              "genre": {"type": ["string", "null"]},
              "duration_s": {"type": "number", "minimum": 0},
              "tempo_bpm": {"type": "number", "minimum": 0},
              "tempo_confidence": {"type": "number", "minimum": 0, "maximum": 1},
              "top": {"$ref": "#/$defs/neighbours"},
              "bottom": {"$ref": "#/$defs/neighbours"}
            }
          }
        }
      },
      "$defs": {
        "neighbours": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "distance"],
            "additionalProperties": false,
            "properties": {
              "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
              "distance": {"type": "number", "minimum": 0, "maximum": 2}
            }
          }
        }
      }
    }

    """#
}
