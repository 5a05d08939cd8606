// The OpenAPI 3.1 document served at /openapi.json. Generated from
// docs/openapi.json by scripts/embed-openapi.sh; a test checks the two agree.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "tessera",
  "version": "1.0.0",
  "description": "Server-side recording and compositing of WebRTC calls. Recordings join a room's WHIP publishers, keep an RTP dump and composite it live; renders re-composite a stored dump. Every /v1 request needs `Authorization: Bearer KEY` when the server has API keys; downloads also accept a signed link's query instead."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "paths": {
  "/v1/recordings": {
   "post": {
    "operationId": "createRecording",
    "summary": "Start recording a room",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RecordingRequest"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The recording job",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "415": {
      "$ref": "#/components/responses/Error"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "507": {
      "$ref": "#/components/responses/Error"
     },
     "422": {
      "$ref": "#/components/responses/Error"
     }
    }
   },
   "get": {
    "operationId": "listRecordings",
    "summary": "List recordings, newest first",
    "parameters": [
     {
      "$ref": "#/components/parameters/State"
     },
     {
      "$ref": "#/components/parameters/Room"
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/After"
     }
    ],
    "responses": {
     "200": {
      "description": "A page of jobs",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/JobPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/recordings/{id}": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    }
   ],
   "get": {
    "operationId": "getRecording",
    "summary": "A recording: state, times, participants, tracks, files, webhook deliveries, history",
    "responses": {
     "200": {
      "description": "The job",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   },
   "patch": {
    "operationId": "changeRecording",
    "summary": "Change a running recording: its layout, its live stream destinations",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": false,
        "description": "At least one change. Removals come first, then additions (a URL both removed and added starts again). A destination is removed by its URL as added or as the job shows it (key hidden); 409 when it is not one of the recording's. At most 4 destinations at once.",
        "properties": {
         "layout": {
          "type": "string",
          "enum": [
           "grid",
           "presenter",
           "presentation",
           "speaker"
          ],
          "description": "A layout name from layouts/"
         },
         "addStreams": {
          "type": "array",
          "minItems": 1,
          "maxItems": 4,
          "uniqueItems": true,
          "items": {
           "$ref": "#/components/schemas/StreamURL"
          },
          "description": "destinations to start streaming to"
         },
         "removeStreams": {
          "type": "array",
          "minItems": 1,
          "maxItems": 4,
          "uniqueItems": true,
          "items": {
           "type": "string",
           "minLength": 1,
           "maxLength": 2048
          },
          "description": "destinations to stop streaming to"
         }
        },
        "example": {
         "addStreams": [
          "rtmp://127.0.0.1:1935/live/key"
         ]
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The job",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "415": {
      "$ref": "#/components/responses/Error"
     },
     "503": {
      "description": "In a cluster: the node that runs the recording lost its lease and another is taking it over; ask again shortly",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "504": {
      "description": "In a cluster: the node that runs the recording did not answer in time",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "stream_not_allowed: an added destination names a host that the server's --stream-hosts does not list",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Any node of a cluster takes it: when another node runs the recording, the command is handed to that node and the answer is its answer."
   },
   "delete": {
    "operationId": "deleteRecording",
    "summary": "Stop the recording if it runs, then delete its files and dump",
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "502": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/recordings/{id}/stop": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    }
   ],
   "post": {
    "operationId": "stopRecording",
    "summary": "Stop a recording; answers when its file is ready",
    "responses": {
     "200": {
      "description": "The job, completed (or aborted when no media came)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "503": {
      "description": "In a cluster: the node that runs the recording lost its lease and another is taking it over; ask again shortly",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "504": {
      "description": "In a cluster: the node that runs the recording did not answer in time",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "description": "Any node of a cluster takes it: when another node runs the recording, the command is handed to that node and the answer is its answer."
   }
  },
  "/v1/renders": {
   "post": {
    "operationId": "createRender",
    "summary": "Render a stored dump again with other settings",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RenderRequest"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The render job",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "415": {
      "$ref": "#/components/responses/Error"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     },
     "507": {
      "$ref": "#/components/responses/Error"
     },
     "422": {
      "$ref": "#/components/responses/Error"
     }
    }
   },
   "get": {
    "operationId": "listRenders",
    "summary": "List renders, newest first",
    "parameters": [
     {
      "$ref": "#/components/parameters/State"
     },
     {
      "$ref": "#/components/parameters/Room"
     },
     {
      "$ref": "#/components/parameters/Limit"
     },
     {
      "$ref": "#/components/parameters/After"
     }
    ],
    "responses": {
     "200": {
      "description": "A page of jobs",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/JobPage"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/renders/{id}": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    }
   ],
   "get": {
    "operationId": "getRender",
    "summary": "A render job",
    "responses": {
     "200": {
      "description": "The job",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   },
   "delete": {
    "operationId": "deleteRender",
    "summary": "Delete a finished render and its files",
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     },
     "502": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/recordings/{id}/files/{name}": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    },
    {
     "$ref": "#/components/parameters/Name"
    },
    {
     "$ref": "#/components/parameters/Expires"
    },
    {
     "$ref": "#/components/parameters/Signature"
    }
   ],
   "get": {
    "operationId": "downloadRecordingFile",
    "summary": "Download a recording's file (recording.mp4|webm, poster.jpg, session.rtpd) with Range and ETag",
    "security": [
     {
      "bearer": []
     },
     {}
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/RangeHeader"
     }
    ],
    "responses": {
     "200": {
      "$ref": "#/components/responses/File"
     },
     "206": {
      "$ref": "#/components/responses/File"
     },
     "304": {
      "description": "Not modified (If-None-Match)"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "416": {
      "$ref": "#/components/responses/Error"
     },
     "307": {
      "description": "The file is in the bucket: Location is a presigned GET URL, valid a few minutes (Range works on it); in a cluster, a file still only on the disk of the node that made it: Location is the same path and query on that node",
      "headers": {
       "Location": {
        "schema": {
         "type": "string",
         "format": "uri"
        }
       }
      }
     },
     "502": {
      "$ref": "#/components/responses/Error"
     }
    },
    "description": "A job with an hls output serves its playlist (application/vnd.apple.mpegurl, Cache-Control: no-cache) and segments (video/iso.segment, the init segment video/mp4) here while it runs, before they are listed in files; the playlist names them relatively, so a player reading it here with the API key reads them here too. Read through a signed link, a playlist names each of its segments by a signed link with the same expiry."
   },
   "head": {
    "operationId": "headRecordingFile",
    "summary": "A file's headers (size, ETag) without its bytes",
    "responses": {
     "200": {
      "description": "The headers"
     },
     "206": {
      "description": "The headers of a range"
     },
     "304": {
      "description": "Not modified"
     },
     "401": {
      "description": "No key"
     },
     "403": {
      "description": "Bad link"
     },
     "404": {
      "description": "No such file"
     },
     "416": {
      "description": "Range outside the file"
     },
     "307": {
      "description": "The file is in the bucket (Location: a presigned GET URL); in a cluster, a file still only on the disk of the node that made it: Location is the same path and query on that node"
     },
     "502": {
      "description": "The bucket cannot be read (--storage-proxy)"
     }
    }
   }
  },
  "/v1/recordings/{id}/files/{name}/link": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    },
    {
     "$ref": "#/components/parameters/Name"
    }
   ],
   "post": {
    "operationId": "linkRecordingFile",
    "summary": "A signed, expiring URL for one file that works without the API key",
    "responses": {
     "201": {
      "description": "The link",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Link"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/renders/{id}/files/{name}": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    },
    {
     "$ref": "#/components/parameters/Name"
    },
    {
     "$ref": "#/components/parameters/Expires"
    },
    {
     "$ref": "#/components/parameters/Signature"
    }
   ],
   "get": {
    "operationId": "downloadRenderFile",
    "summary": "Download a render's file (Range, ETag)",
    "security": [
     {
      "bearer": []
     },
     {}
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/RangeHeader"
     }
    ],
    "responses": {
     "200": {
      "$ref": "#/components/responses/File"
     },
     "206": {
      "$ref": "#/components/responses/File"
     },
     "304": {
      "description": "Not modified (If-None-Match)"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "416": {
      "$ref": "#/components/responses/Error"
     },
     "307": {
      "description": "The file is in the bucket: Location is a presigned GET URL, valid a few minutes (Range works on it); in a cluster, a file still only on the disk of the node that made it: Location is the same path and query on that node",
      "headers": {
       "Location": {
        "schema": {
         "type": "string",
         "format": "uri"
        }
       }
      }
     },
     "502": {
      "$ref": "#/components/responses/Error"
     }
    },
    "description": "A job with an hls output serves its playlist (application/vnd.apple.mpegurl, Cache-Control: no-cache) and segments (video/iso.segment, the init segment video/mp4) here while it runs, before they are listed in files; the playlist names them relatively, so a player reading it here with the API key reads them here too. Read through a signed link, a playlist names each of its segments by a signed link with the same expiry."
   },
   "head": {
    "operationId": "headRenderFile",
    "summary": "A file's headers (size, ETag) without its bytes",
    "responses": {
     "200": {
      "description": "The headers"
     },
     "206": {
      "description": "The headers of a range"
     },
     "304": {
      "description": "Not modified"
     },
     "401": {
      "description": "No key"
     },
     "403": {
      "description": "Bad link"
     },
     "404": {
      "description": "No such file"
     },
     "416": {
      "description": "Range outside the file"
     },
     "307": {
      "description": "The file is in the bucket (Location: a presigned GET URL); in a cluster, a file still only on the disk of the node that made it: Location is the same path and query on that node"
     },
     "502": {
      "description": "The bucket cannot be read (--storage-proxy)"
     }
    }
   }
  },
  "/v1/renders/{id}/files/{name}/link": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    },
    {
     "$ref": "#/components/parameters/Name"
    }
   ],
   "post": {
    "operationId": "linkRenderFile",
    "summary": "A signed, expiring URL for one file of a render",
    "responses": {
     "201": {
      "description": "The link",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Link"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/healthz": {
   "get": {
    "operationId": "health",
    "security": [],
    "summary": "The process answers",
    "responses": {
     "200": {
      "description": "ok",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/readyz": {
   "get": {
    "operationId": "ready",
    "security": [],
    "summary": "The service takes jobs",
    "responses": {
     "200": {
      "description": "ready",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "503": {
      "description": "shutting down",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/metrics": {
   "get": {
    "operationId": "metrics",
    "security": [],
    "summary": "Prometheus metrics",
    "responses": {
     "200": {
      "description": "Prometheus text format",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/v1/uploads": {
   "post": {
    "operationId": "uploadDump",
    "summary": "Upload an RTP dump, an SDP, a pcap/pcapng capture with ?sdp=NAME:ID per participant, or Janus recordings (one .mjr with ?name=FILE, or a tar of .mjr files); captures and recordings are imported into a dump. Render it with POST /v1/renders {uploadId}",
    "requestBody": {
     "required": true,
     "content": {
      "application/octet-stream": {
       "schema": {
        "type": "string",
        "format": "binary"
       }
      },
      "application/vnd.tcpdump.pcap": {
       "schema": {
        "type": "string",
        "format": "binary"
       }
      },
      "application/sdp": {
       "schema": {
        "type": "string"
       }
      },
      "application/x-tar": {
       "schema": {
        "type": "string",
        "format": "binary"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Stored",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "id",
          "size",
          "kind"
         ],
         "properties": {
          "id": {
           "type": "string"
          },
          "size": {
           "type": "integer"
          },
          "kind": {
           "type": "string",
           "enum": [
            "rtpd",
            "sdp"
           ]
          },
          "rtpPackets": {
           "type": "integer"
          },
          "tracks": {
           "type": "integer"
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "415": {
      "$ref": "#/components/responses/Error"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    },
    "parameters": [
     {
      "name": "sdp",
      "in": "query",
      "description": "For a capture: NAME:ID of each participant's uploaded SDP",
      "schema": {
       "type": "array",
       "items": {
        "type": "string"
       }
      },
      "style": "form",
      "explode": true
     },
     {
      "name": "name",
      "in": "query",
      "required": false,
      "description": "The file name of a single uploaded .mjr (names the participant as tessera import mjr does)",
      "schema": {
       "type": "string",
       "maxLength": 255
      }
     }
    ]
   }
  },
  "/v1/rooms/{room}/tokens": {
   "post": {
    "operationId": "createRoomToken",
    "summary": "A signed, expiring token for one person to join a built-in room (the call page and the signaling WebSocket /v1/rooms/{room}/ws?token=…, docs/rooms.md)",
    "parameters": [
     {
      "name": "room",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "pattern": "^[A-Za-z0-9_-]{1,64}$"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/RoomTokenRequest"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Issued",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "token",
          "room",
          "name",
          "mayRecord",
          "expiresAt",
          "callUrl",
          "webSocketUrl"
         ],
         "properties": {
          "token": {
           "type": "string"
          },
          "room": {
           "type": "string"
          },
          "name": {
           "type": "string"
          },
          "mayRecord": {
           "type": "boolean"
          },
          "expiresAt": {
           "type": "string",
           "format": "date-time"
          },
          "callUrl": {
           "type": "string"
          },
          "webSocketUrl": {
           "type": "string"
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/rooms": {
   "get": {
    "operationId": "listRooms",
    "summary": "Built-in rooms with members now",
    "responses": {
     "200": {
      "description": "Rooms",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "rooms"
         ],
         "properties": {
          "rooms": {
           "type": "array",
           "items": {
            "type": "object",
            "required": [
             "room",
             "members",
             "recording"
            ],
            "properties": {
             "room": {
              "type": "string"
             },
             "members": {
              "type": "integer"
             },
             "recording": {
              "type": "boolean"
             }
            }
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/whip/{room}": {
   "parameters": [
    {
     "name": "room",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]{1,64}$"
     }
    }
   ],
   "post": {
    "operationId": "whipPublish",
    "tags": [
     "WHIP"
    ],
    "security": [
     {
      "bearer": []
     },
     {}
    ],
    "summary": "Publish into a room over WHIP (RFC 9725): an SDP offer in, the answer out",
    "parameters": [
     {
      "name": "name",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "maxLength": 128
      },
      "description": "The participant's display name"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/sdp": {
       "schema": {
        "type": "string"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The SDP answer; Location names the session, ETag its ICE session, Link the ICE servers",
      "content": {
       "application/sdp": {
        "schema": {
         "type": "string"
        }
       }
      },
      "headers": {
       "Location": {
        "schema": {
         "type": "string"
        }
       },
       "ETag": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "406": {
      "$ref": "#/components/responses/Error"
     },
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "415": {
      "$ref": "#/components/responses/Error"
     },
     "422": {
      "$ref": "#/components/responses/Error"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   },
   "options": {
    "operationId": "whipPreflight",
    "tags": [
     "WHIP"
    ],
    "security": [],
    "summary": "CORS preflight; Link headers list the ICE servers (RFC 9725 §4.4)",
    "responses": {
     "204": {
      "description": "Allowed methods and ICE servers"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/whip/{room}/{session}": {
   "parameters": [
    {
     "name": "room",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]{1,64}$"
     }
    },
    {
     "name": "session",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "patch": {
    "operationId": "whipTrickle",
    "tags": [
     "WHIP"
    ],
    "security": [
     {
      "bearer": []
     },
     {}
    ],
    "summary": "Trickle ICE candidates (RFC 8840 SDP fragment)",
    "parameters": [
     {
      "name": "If-Match",
      "in": "header",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/trickle-ice-sdpfrag": {
       "schema": {
        "type": "string"
       }
      }
     }
    },
    "responses": {
     "204": {
      "description": "Taken"
     },
     "400": {
      "$ref": "#/components/responses/Error"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "412": {
      "$ref": "#/components/responses/Error"
     },
     "413": {
      "$ref": "#/components/responses/Error"
     },
     "415": {
      "$ref": "#/components/responses/Error"
     },
     "422": {
      "$ref": "#/components/responses/Error"
     }
    }
   },
   "delete": {
    "operationId": "whipEnd",
    "tags": [
     "WHIP"
    ],
    "security": [
     {
      "bearer": []
     },
     {}
    ],
    "summary": "Leave: the publisher's tracks end",
    "responses": {
     "200": {
      "description": "Ended"
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   },
   "options": {
    "operationId": "whipSessionPreflight",
    "tags": [
     "WHIP"
    ],
    "security": [],
    "summary": "CORS preflight",
    "responses": {
     "204": {
      "description": "Allowed methods"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/call/{room}": {
   "get": {
    "operationId": "callPage",
    "tags": [
     "Pages"
    ],
    "security": [],
    "summary": "A built-in room's call page; a missing, expired or wrong-room token gets a page that says so and asks for no camera",
    "parameters": [
     {
      "name": "room",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "pattern": "^[A-Za-z0-9_-]{1,64}$"
      }
     },
     {
      "name": "token",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The call page",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "description": "A page saying the token is missing, expired or not valid",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "403": {
      "description": "A page saying the token is for another room",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/call-assets/tessera-room.js": {
   "get": {
    "operationId": "callPageScript",
    "tags": [
     "Pages"
    ],
    "security": [],
    "summary": "The call page's signaling module",
    "responses": {
     "200": {
      "description": "JavaScript",
      "content": {
       "text/javascript": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/v1/rooms/{room}/ws": {
   "get": {
    "operationId": "roomWebSocket",
    "tags": [
     "Rooms"
    ],
    "security": [],
    "summary": "The room's signaling WebSocket (docs/rooms.md): a GET with Upgrade: websocket joins; without the upgrade the token is checked and the answer says why it would be refused",
    "parameters": [
     {
      "name": "room",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "pattern": "^[A-Za-z0-9_-]{1,64}$"
      }
     },
     {
      "name": "token",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "101": {
      "description": "Switching to the WebSocket"
     },
     "200": {
      "description": "The token is good: connect with Upgrade: websocket",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "room",
          "joinable",
          "message"
         ],
         "properties": {
          "room": {
           "type": "string"
          },
          "joinable": {
           "type": "boolean"
          },
          "message": {
           "type": "string"
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "403": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/openapi.json": {
   "get": {
    "operationId": "openAPIDocument",
    "tags": [
     "Operations"
    ],
    "security": [],
    "summary": "This document",
    "responses": {
     "200": {
      "description": "OpenAPI 3",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    }
   }
  },
  "/": {
   "get": {
    "operationId": "jobsPage",
    "tags": [
     "Pages"
    ],
    "security": [],
    "summary": "The jobs page: the operator's console",
    "responses": {
     "200": {
      "description": "The page",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/v1/recordings/{id}/upload": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    }
   ],
   "post": {
    "operationId": "uploadRecordingFiles",
    "summary": "Upload the job's files to object storage again: failed uploads are retried, files never sent are sent",
    "responses": {
     "202": {
      "description": "The job, its uploads pending",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/renders/{id}/upload": {
   "parameters": [
    {
     "$ref": "#/components/parameters/Id"
    }
   ],
   "post": {
    "operationId": "uploadRenderFiles",
    "summary": "Upload the job's files to object storage again: failed uploads are retried, files never sent are sent",
    "responses": {
     "202": {
      "description": "The job, its uploads pending",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Job"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     },
     "404": {
      "$ref": "#/components/responses/Error"
     },
     "409": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  },
  "/v1/nodes": {
   "get": {
    "operationId": "listNodes",
    "summary": "The nodes sharing the job store, with their leases and load",
    "description": "With --database, every node that has joined the cluster, live or lost; without it, this server alone.",
    "responses": {
     "200": {
      "description": "The nodes",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "nodes"
         ],
         "properties": {
          "nodes": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Node"
           }
          }
         }
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Error"
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer"
   }
  },
  "parameters": {
   "Id": {
    "name": "id",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string"
    }
   },
   "Name": {
    "name": "name",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string"
    }
   },
   "State": {
    "name": "state",
    "in": "query",
    "schema": {
     "$ref": "#/components/schemas/State"
    }
   },
   "Room": {
    "name": "room",
    "in": "query",
    "schema": {
     "type": "string"
    }
   },
   "Limit": {
    "name": "limit",
    "in": "query",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "maximum": 200,
     "default": 50
    }
   },
   "After": {
    "name": "after",
    "in": "query",
    "description": "The `next` of the previous page",
    "schema": {
     "type": "string"
    }
   },
   "Expires": {
    "name": "expires",
    "in": "query",
    "description": "From a signed link",
    "schema": {
     "type": "integer"
    }
   },
   "Signature": {
    "name": "signature",
    "in": "query",
    "description": "From a signed link",
    "schema": {
     "type": "string"
    }
   },
   "RangeHeader": {
    "name": "Range",
    "in": "header",
    "schema": {
     "type": "string"
    },
    "example": "bytes=0-1023"
   }
  },
  "responses": {
   "Error": {
    "description": "Refused",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unavailable": {
    "description": "At capacity, shutting down, or (several nodes) the room's recording is being taken over by another node (room_moving); try again after Retry-After seconds",
    "headers": {
     "Retry-After": {
      "schema": {
       "type": "integer"
      }
     }
    },
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "File": {
    "description": "The file or a range of it",
    "headers": {
     "ETag": {
      "schema": {
       "type": "string"
      }
     }
    },
    "content": {
     "video/mp4": {},
     "video/webm": {},
     "image/jpeg": {},
     "application/octet-stream": {}
    }
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "required": [
     "error",
     "message"
    ],
    "properties": {
     "error": {
      "type": "string"
     },
     "message": {
      "type": "string"
     }
    }
   },
   "State": {
    "type": "string",
    "enum": [
     "queued",
     "starting",
     "active",
     "stopping",
     "processing",
     "completed",
     "failed",
     "aborted",
     "limit_reached",
     "interrupted"
    ]
   },
   "Output": {
    "type": "object",
    "properties": {
     "format": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "mp4",
       "webm",
       null
      ],
      "default": "mp4"
     },
     "width": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16,
      "maximum": 3840,
      "multipleOf": 2,
      "default": 1280
     },
     "height": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16,
      "maximum": 3840,
      "multipleOf": 2,
      "default": 720
     },
     "fps": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 1,
      "maximum": 60,
      "default": 30
     },
     "videoBitrate": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 50000,
      "maximum": 50000000,
      "default": 2500000
     },
     "preset": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "ultrafast",
       "superfast",
       "veryfast",
       "faster",
       "fast",
       "medium",
       "slow",
       "slower",
       "veryslow",
       null
      ],
      "default": "veryfast"
     },
     "audioBitrate": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16000,
      "maximum": 512000,
      "default": 128000
     }
    },
    "additionalProperties": false
   },
   "RecordingRequest": {
    "type": "object",
    "required": [
     "room"
    ],
    "properties": {
     "room": {
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]{1,64}$"
     },
     "source": {
      "description": "whip (default): the room's WHIP publishers. room: tessera joins the built-in room of that name as a peer (docs/rooms.md). whep: tessera pulls url from a WHEP server; the stream joins the room as a participant named name, and the recording ends when the source does. janus: tessera joins the Janus VideoRoom room through the Janus HTTP API at url and subscribes to every publisher there, now and later; each is a participant named by its Janus display name (docs/janus.md). The recording ends when Janus goes away.",
      "oneOf": [
       {
        "type": "null"
       },
       {
        "type": "object",
        "required": [
         "type"
        ],
        "properties": {
         "type": {
          "enum": [
           "whip",
           "room"
          ]
         },
         "url": {
          "type": "null"
         },
         "token": {
          "type": "null"
         },
         "name": {
          "type": "null"
         },
         "room": {
          "type": "null"
         },
         "pin": {
          "type": "null"
         }
        },
        "additionalProperties": false
       },
       {
        "type": "object",
        "required": [
         "type",
         "url"
        ],
        "properties": {
         "type": {
          "const": "whep"
         },
         "url": {
          "type": "string",
          "maxLength": 2048,
          "pattern": "^https?://[A-Za-z0-9.-]+(:[0-9]{1,4})?(/[A-Za-z0-9._~/-]*)?$",
          "description": "The WHEP endpoint"
         },
         "token": {
          "type": [
           "string",
           "null"
          ],
          "minLength": 1,
          "maxLength": 4096,
          "pattern": "^[!-~]+$",
          "description": "Bearer token for the WHEP endpoint; write-only: used while the recording runs, never stored or shown",
          "writeOnly": true
         },
         "name": {
          "type": [
           "string",
           "null"
          ],
          "minLength": 1,
          "maxLength": 128,
          "description": "The participant's display name (default: the URL's host)"
         },
         "room": {
          "type": "null"
         },
         "pin": {
          "type": "null"
         }
        },
        "additionalProperties": false
       },
       {
        "type": "object",
        "required": [
         "type",
         "url",
         "room"
        ],
        "properties": {
         "type": {
          "const": "janus"
         },
         "url": {
          "type": "string",
          "maxLength": 2048,
          "pattern": "^(https?|wss?)://[A-Za-z0-9.-]+(:[0-9]{1,4})?(/[A-Za-z0-9._~/-]*)?$",
          "description": "The Janus API: its HTTP transport's base URL (http://janus.example:8088/janus) or its WebSocket transport's (ws://janus.example:8188)"
         },
         "room": {
          "oneOf": [
           {
            "type": "integer",
            "minimum": 0,
            "maximum": 9007199254740991
           },
           {
            "type": "string",
            "minLength": 1,
            "maxLength": 128
           }
          ],
          "description": "The VideoRoom's id: a number, or a string where Janus runs with string_ids"
         },
         "pin": {
          "type": [
           "string",
           "null"
          ],
          "minLength": 1,
          "maxLength": 256,
          "description": "The room's PIN, when it has one; write-only: used while the recording runs, never stored or shown",
          "writeOnly": true
         },
         "token": {
          "type": [
           "string",
           "null"
          ],
          "minLength": 1,
          "maxLength": 4096,
          "pattern": "^[!-~]+$",
          "description": "A token for Janus' token-based authentication; write-only: used while the recording runs, never stored or shown",
          "writeOnly": true
         },
         "name": {
          "type": "null"
         }
        },
        "additionalProperties": false
       }
      ]
     },
     "layout": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "grid",
       "presenter",
       "presentation",
       "speaker",
       null
      ],
      "default": "grid",
      "description": "A layout name from layouts/"
     },
     "output": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Output"
       },
       {
        "type": "null"
       }
      ]
     },
     "limits": {
      "type": [
       "object",
       "null"
      ],
      "properties": {
       "maxDurationSeconds": {
        "type": [
         "number",
         "null"
        ],
        "exclusiveMinimum": 0,
        "maximum": 86400
       },
       "maxBytes": {
        "type": [
         "integer",
         "null"
        ],
        "minimum": 1,
        "description": "Bytes of received media (the dump)",
        "maximum": 1000000000000000
       }
      },
      "additionalProperties": false
     },
     "webhookUrl": {
      "type": [
       "string",
       "null"
      ],
      "format": "uri",
      "pattern": "^https?://[!-~]{1,2040}$",
      "description": "http(s) URL, ASCII only"
     },
     "metadata": {
      "type": [
       "object",
       "null"
      ],
      "maxProperties": 64,
      "propertyNames": {
       "maxLength": 128
      },
      "additionalProperties": {
       "type": "string",
       "maxLength": 1024
      }
     },
     "liveComposite": {
      "type": [
       "boolean",
       "null"
      ],
      "default": true,
      "description": "false keeps the dump only; render it later"
     },
     "storage": {
      "$ref": "#/components/schemas/StorageRequest"
     },
     "outputs": {
      "$ref": "#/components/schemas/Outputs"
     }
    },
    "description": "Optional fields may be left out or null: both mean the default.",
    "additionalProperties": false,
    "allOf": [
     {
      "not": {
       "required": [
        "output",
        "outputs"
       ]
      }
     },
     {
      "not": {
       "required": [
        "liveComposite",
        "outputs"
       ],
       "properties": {
        "liveComposite": {
         "const": false
        },
        "outputs": {
         "type": "array",
         "contains": {
          "anyOf": [
           {
            "$ref": "#/components/schemas/HLSOutput"
           },
           {
            "$ref": "#/components/schemas/ThumbnailsOutput"
           },
           {
            "$ref": "#/components/schemas/StreamOutput"
           }
          ]
         }
        }
       }
      }
     }
    ]
   },
   "RenderRequest": {
    "type": "object",
    "properties": {
     "recordingId": {
      "type": "string"
     },
     "uploadId": {
      "type": "string"
     },
     "layout": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "grid",
       "presenter",
       "presentation",
       "speaker",
       null
      ],
      "default": "grid",
      "description": "A layout name from layouts/"
     },
     "output": {
      "anyOf": [
       {
        "$ref": "#/components/schemas/Output"
       },
       {
        "type": "null"
       }
      ]
     },
     "from": {
      "type": [
       "number",
       "null"
      ],
      "minimum": 0,
      "maximum": 86400,
      "description": "Session seconds to start at (at most 86400: a day)"
     },
     "to": {
      "type": [
       "number",
       "null"
      ],
      "exclusiveMinimum": 0,
      "maximum": 86400,
      "description": "Session seconds to stop at (at most 86400: a day)"
     },
     "webhookUrl": {
      "type": [
       "string",
       "null"
      ],
      "format": "uri",
      "pattern": "^https?://[!-~]{1,2040}$",
      "description": "http(s) URL, ASCII only"
     },
     "metadata": {
      "type": [
       "object",
       "null"
      ],
      "maxProperties": 64,
      "propertyNames": {
       "maxLength": 128
      },
      "additionalProperties": {
       "type": "string",
       "maxLength": 1024
      }
     },
     "storage": {
      "$ref": "#/components/schemas/StorageRequest"
     },
     "outputs": {
      "$ref": "#/components/schemas/RenderOutputs"
     }
    },
    "description": "Exactly one of recordingId and uploadId. `to`, when given, must be after `from`.",
    "oneOf": [
     {
      "required": [
       "recordingId"
      ],
      "not": {
       "required": [
        "uploadId"
       ]
      }
     },
     {
      "required": [
       "uploadId"
      ],
      "not": {
       "required": [
        "recordingId"
       ]
      }
     }
    ],
    "additionalProperties": false,
    "allOf": [
     {
      "not": {
       "required": [
        "output",
        "outputs"
       ]
      }
     },
     {
      "not": {
       "required": [
        "outputs",
        "from"
       ],
       "properties": {
        "from": {
         "type": "number"
        },
        "outputs": {
         "type": "array",
         "contains": {
          "$ref": "#/components/schemas/TracksOutput"
         }
        }
       }
      }
     },
     {
      "not": {
       "required": [
        "outputs",
        "to"
       ],
       "properties": {
        "to": {
         "type": "number"
        },
        "outputs": {
         "type": "array",
         "contains": {
          "$ref": "#/components/schemas/TracksOutput"
         }
        }
       }
      }
     }
    ]
   },
   "File": {
    "type": "object",
    "required": [
     "name",
     "size",
     "contentType"
    ],
    "properties": {
     "name": {
      "type": "string"
     },
     "size": {
      "type": "integer"
     },
     "contentType": {
      "type": "string"
     },
     "location": {
      "type": "string",
      "description": "Where the file is kept once the bucket confirmed it: s3://BUCKET/KEY (absent: the local data directory only)"
     }
    }
   },
   "Job": {
    "type": "object",
    "required": [
     "id",
     "kind",
     "state",
     "createdAt",
     "updatedAt",
     "participants",
     "tracks",
     "files",
     "webhooks",
     "layoutChanges",
     "segments"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "recording",
       "render"
      ]
     },
     "state": {
      "$ref": "#/components/schemas/State"
     },
     "room": {
      "type": "string"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "updatedAt": {
      "type": "string",
      "format": "date-time"
     },
     "startedAt": {
      "type": "string",
      "format": "date-time"
     },
     "stoppedAt": {
      "type": "string",
      "format": "date-time"
     },
     "completedAt": {
      "type": "string",
      "format": "date-time"
     },
     "error": {
      "type": "object",
      "required": [
       "reason",
       "message"
      ],
      "properties": {
       "reason": {
        "type": "string"
       },
       "message": {
        "type": "string"
       }
      }
     },
     "recording": {
      "$ref": "#/components/schemas/RecordingRequest"
     },
     "render": {
      "$ref": "#/components/schemas/RenderRequest"
     },
     "durationSeconds": {
      "type": "number",
      "description": "Media length in seconds: what the dump holds while recording, the output's length once rendered"
     },
     "progressSeconds": {
      "type": "number"
     },
     "bytesReceived": {
      "type": "integer"
     },
     "renderSpeed": {
      "type": "number"
     },
     "framesSkippedBehind": {
      "type": "integer",
      "minimum": 1,
      "description": "Output frames the live render did not draw because the machine was too busy to keep up with the call (the picture held instead). Absent when none were skipped."
     },
     "participants": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "id"
       ],
       "properties": {
        "id": {
         "type": "string"
        },
        "name": {
         "type": "string"
        }
       }
      }
     },
     "tracks": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "integer"
        },
        "participantId": {
         "type": "string"
        },
        "kind": {
         "type": "string"
        },
        "codec": {
         "type": "string"
        },
        "packets": {
         "type": "integer"
        },
        "bytes": {
         "type": "integer"
        },
        "ended": {
         "type": "boolean"
        }
       }
      }
     },
     "files": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/File"
      }
     },
     "webhooks": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "state": {
         "type": "string"
        },
        "url": {
         "type": "string"
        },
        "at": {
         "type": "integer"
        },
        "attempt": {
         "type": "integer"
        },
        "status": {
         "type": "integer"
        },
        "error": {
         "type": "string"
        },
        "delivered": {
         "type": "boolean"
        }
       }
      }
     },
     "history": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "from",
        "to",
        "at"
       ],
       "properties": {
        "from": {
         "type": "string"
        },
        "to": {
         "type": "string"
        },
        "at": {
         "type": "string"
        },
        "reason": {
         "type": "string"
        },
        "node": {
         "type": "string",
         "description": "The node that made the change (several machines only)."
        }
       }
      }
     },
     "layoutChanges": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "layout",
        "at"
       ],
       "properties": {
        "layout": {
         "type": "string"
        },
        "at": {
         "type": "integer",
         "description": "µs since the Unix epoch"
        }
       }
      }
     },
     "elapsedSeconds": {
      "type": "number",
      "description": "Wall-clock seconds from start to stop (to now while the job runs)"
     },
     "storage": {
      "type": "string",
      "description": "With --storage: where the job's files go, s3://BUCKET/PREFIX"
     },
     "uploads": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Upload"
      },
      "description": "With --storage: each file's upload"
     },
     "dumpShipping": {
      "type": "object",
      "required": [
       "location",
       "parts",
       "bytes"
      ],
      "properties": {
       "location": {
        "type": "string"
       },
       "parts": {
        "type": "integer"
       },
       "bytes": {
        "type": "integer"
       },
       "error": {
        "type": "string"
       }
      },
      "description": "The live dump's parts shipped to the bucket while recording"
     },
     "event": {
      "type": "string",
      "enum": [
       "upload_completed",
       "upload_failed",
       "taken_over",
       "output_failed"
      ],
      "description": "Only in webhook bodies: what happened when it is not a state change (output_failed: a stream destination failed; it is retried)"
     },
     "node": {
      "type": "string",
      "description": "The node that runs the job, when several machines share one PostgreSQL (--database); absent on one machine and for queued work no node has taken yet."
     },
     "segments": {
      "type": "array",
      "description": "A recording continued by another node after its node was lost: each node's turn, in order (empty for a recording made in one go).",
      "items": {
       "type": "object",
       "required": [
        "startedAt"
       ],
       "properties": {
        "node": {
         "type": [
          "string",
          "null"
         ],
         "description": "The node that recorded this turn."
        },
        "startedAt": {
         "type": "integer",
         "description": "When the turn began (Unix ms)."
        },
        "gapSeconds": {
         "type": [
          "number",
          "null"
         ],
         "description": "Seconds of call between the previous turn's last packet and this turn's first: a gap in the file."
        }
       }
      }
     },
     "hls": {
      "type": "object",
      "required": [
       "playlist",
       "segmentSeconds",
       "complete"
      ],
      "description": "The HLS output, when asked for: its playlist under the files route (segments beside it: PREFIX-init.mp4, PREFIX-00000.m4s, …), readable while the job runs",
      "properties": {
       "playlist": {
        "type": "string"
       },
       "segmentSeconds": {
        "type": "integer"
       },
       "complete": {
        "type": "boolean",
        "description": "the job has ended and the playlist has #EXT-X-ENDLIST"
       }
      }
     },
     "streams": {
      "type": "array",
      "description": "The live stream destinations, when the recording streams (a removed one stays, stopped), in the order they were added.",
      "items": {
       "type": "object",
       "required": [
        "url",
        "state",
        "since",
        "reconnects"
       ],
       "properties": {
        "url": {
         "type": "string",
         "description": "the destination with its key hidden"
        },
        "state": {
         "type": "string",
         "enum": [
          "connecting",
          "live",
          "retrying",
          "stopped"
         ],
         "description": "retrying: the last attempt failed, the next comes after a back-off"
        },
        "since": {
         "type": "string",
         "format": "date-time",
         "description": "when the state began"
        },
        "error": {
         "type": [
          "string",
          "null"
         ],
         "description": "why the last attempt failed"
        },
        "reconnects": {
         "type": "integer",
         "minimum": 0,
         "description": "connections opened after the first"
        }
       }
      }
     }
    }
   },
   "JobPage": {
    "type": "object",
    "required": [
     "jobs"
    ],
    "properties": {
     "jobs": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Job"
      }
     },
     "next": {
      "type": "string"
     }
    }
   },
   "Link": {
    "type": "object",
    "required": [
     "url",
     "expiresAt"
    ],
    "properties": {
     "url": {
      "type": "string"
     },
     "expiresAt": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "RoomTokenRequest": {
    "type": "object",
    "required": [
     "name"
    ],
    "properties": {
     "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 64,
      "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$",
      "description": "The display name others see: 1–64 characters, no control characters, not only spaces"
     },
     "mayRecord": {
      "type": [
       "boolean",
       "null"
      ],
      "description": "Whether the holder may start and stop the room's recording"
     },
     "ttlSeconds": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 60,
      "maximum": 86400,
      "description": "How long the token is good for joining (default 3600)"
     }
    },
    "additionalProperties": false
   },
   "StorageRequest": {
    "type": [
     "object",
     "null"
    ],
    "required": [
     "prefix"
    ],
    "additionalProperties": false,
    "properties": {
     "prefix": {
      "type": "string",
      "minLength": 1,
      "maxLength": 512,
      "pattern": "^([A-Za-z0-9_~=+-][A-Za-z0-9._~=+-]*|\\.[A-Za-z0-9_~=+-][A-Za-z0-9._~=+-]*|\\.\\.[A-Za-z0-9._~=+-]+)(/([A-Za-z0-9_~=+-][A-Za-z0-9._~=+-]*|\\.[A-Za-z0-9_~=+-][A-Za-z0-9._~=+-]*|\\.\\.[A-Za-z0-9._~=+-]+))*$",
      "description": "This job's object key prefix in the server's bucket (credentials stay on the server); parts may not be . or .."
     }
    },
    "description": "With --storage: where this job's files go in the bucket"
   },
   "Upload": {
    "type": "object",
    "required": [
     "name",
     "location",
     "key",
     "state",
     "bytes",
     "size",
     "attempts",
     "localRemoved"
    ],
    "properties": {
     "name": {
      "type": "string"
     },
     "location": {
      "type": "string",
      "description": "s3://BUCKET/KEY"
     },
     "key": {
      "type": "string"
     },
     "state": {
      "type": "string",
      "enum": [
       "pending",
       "uploading",
       "uploaded",
       "failed"
      ]
     },
     "bytes": {
      "type": "integer",
      "description": "Bytes the bucket has confirmed"
     },
     "size": {
      "type": "integer"
     },
     "attempts": {
      "type": "integer"
     },
     "error": {
      "type": "string"
     },
     "etag": {
      "type": "string"
     },
     "failingSince": {
      "type": "integer",
      "description": "µs since the Unix epoch: when the current run of failures began"
     },
     "nextAttemptAt": {
      "type": "integer",
      "description": "µs since the Unix epoch: the next try (absent once retries ran out: POST …/upload)"
     },
     "unfinishedUploadID": {
      "type": "string",
      "description": "A multipart upload a failed try could not abort; aborted before the next"
     },
     "localRemoved": {
      "type": "boolean",
      "description": "Whether the local copy was removed after the bucket confirmed the object"
     }
    }
   },
   "Node": {
    "type": "object",
    "required": [
     "id",
     "url",
     "state",
     "capacity",
     "load",
     "leaseAgeSeconds",
     "epoch",
     "jobs",
     "placed"
    ],
    "properties": {
     "id": {
      "type": "string",
      "description": "--node-id (\"local\" without --database)."
     },
     "url": {
      "type": "string",
      "description": "Where it is reached (--advertise-url)."
     },
     "state": {
      "type": "string",
      "enum": [
       "live",
       "lost",
       "left"
      ],
      "description": "live: renewing its lease; lost: its lease ran out and its jobs went to the others; left: it stopped gracefully (SIGTERM) and handed over what it had not finished."
     },
     "capacity": {
      "type": "integer"
     },
     "load": {
      "type": "integer",
      "description": "Capacity units its running work holds, as of its last renewal."
     },
     "leaseAgeSeconds": {
      "type": "number",
      "description": "Seconds since its lease was last renewed."
     },
     "epoch": {
      "type": "integer",
      "description": "Changes each time the node joins; writes carrying an older epoch are refused."
     },
     "jobs": {
      "type": "integer",
      "description": "Unfinished jobs it owns."
     },
     "placed": {
      "type": "integer",
      "description": "Of its jobs, recordings placed on it by another node that it has not started yet."
     }
    }
   },
   "CompositeOutput": {
    "type": "object",
    "required": [
     "kind"
    ],
    "additionalProperties": false,
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "composite"
      ]
     },
     "format": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "mp4",
       "webm",
       null
      ],
      "default": "mp4"
     },
     "width": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16,
      "maximum": 3840,
      "multipleOf": 2,
      "default": 1280
     },
     "height": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16,
      "maximum": 3840,
      "multipleOf": 2,
      "default": 720
     },
     "fps": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 1,
      "maximum": 60,
      "default": 30
     },
     "videoBitrate": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 50000,
      "maximum": 50000000,
      "default": 2500000
     },
     "preset": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "ultrafast",
       "superfast",
       "veryfast",
       "faster",
       "fast",
       "medium",
       "slow",
       "slower",
       "veryslow",
       null
      ],
      "default": "veryfast"
     },
     "audioBitrate": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16000,
      "maximum": 512000,
      "default": 128000
     }
    },
    "description": "The composite file: the fields of output."
   },
   "HLSOutput": {
    "type": "object",
    "required": [
     "kind"
    ],
    "additionalProperties": false,
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "hls"
      ]
     },
     "segmentSeconds": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 1,
      "maximum": 30,
      "default": 2,
      "description": "seconds per segment"
     }
    },
    "description": "The composite as HLS from the same encode: fMP4 segments of segmentSeconds, each starting on a keyframe, in an EVENT playlist that grows while the job runs and ends with #EXT-X-ENDLIST. Needs the composite in mp4 and, for a recording, the live composite."
   },
   "ThumbnailsOutput": {
    "type": "object",
    "required": [
     "kind"
    ],
    "additionalProperties": false,
    "description": "JPEGs of the composite every intervalSeconds of output, from 0 (PREFIX-thumb-00010.jpg for the picture 10 s in), listed in files. Needs, for a recording, the live composite.",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "thumbnails"
      ]
     },
     "intervalSeconds": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 1,
      "maximum": 3600,
      "default": 10
     }
    }
   },
   "Outputs": {
    "description": "Several outputs from one encode, instead of output (give one or the other): a composite file, its HLS copy, live streams, thumbnails of its pictures, and each track in a file of its own; each kind at most once. hls and stream need the composite in mp4. The composite is the standard one when it is not listed. Kind audio is refused (422 unsupported_output) until this server makes it. Example: [{\"kind\": \"composite\", \"width\": 1280, \"height\": 720}, {\"kind\": \"hls\", \"segmentSeconds\": 2}, {\"kind\": \"stream\", \"urls\": [\"rtmp://ingest.example/live/KEY\"]}, {\"kind\": \"tracks\"}] (Each order of the kinds is one of the shapes below.)",
    "oneOf": [
     {
      "type": "null"
     },
     {
      "type": "array",
      "minItems": 1,
      "maxItems": 1,
      "items": {
       "oneOf": [
        {
         "$ref": "#/components/schemas/CompositeOutput"
        },
        {
         "$ref": "#/components/schemas/HLSOutput"
        },
        {
         "$ref": "#/components/schemas/ThumbnailsOutput"
        },
        {
         "$ref": "#/components/schemas/StreamOutput"
        },
        {
         "$ref": "#/components/schemas/TracksOutput"
        }
       ]
      }
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 5,
      "maxItems": 5,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/StreamOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     }
    ]
   },
   "StreamURL": {
    "type": "string",
    "minLength": 1,
    "maxLength": 2048,
    "pattern": "^(rtmps?://[A-Za-z0-9.:\\[\\]-]+(/[!-.0-~]+){2,}|srt://[A-Za-z0-9.:\\[\\]-]+(\\?[!-~]*)?)$",
    "description": "An RTMP(S) ingest URL (rtmp://host[:port]/app/key, two or more path segments) or an SRT one (srt://host:port[?streamid=…&passphrase=…]). The stream key is a secret: the job shows it hidden as **** and a fingerprint (rtmp://host/app/****1a2b3c4d).",
    "example": "rtmp://a.rtmp.youtube.com/live2/xxxx-xxxx-xxxx-xxxx"
   },
   "StreamOutput": {
    "type": "object",
    "required": [
     "kind",
     "urls"
    ],
    "additionalProperties": false,
    "description": "The composite as live streams from the same encode: FLV over RTMP(S), MPEG-TS over SRT, to each of urls. A destination that refuses or fails is retried with a back-off (1 s doubling to 30 s) and reported in the job's streams, without disturbing the file or the other destinations; PATCH adds and removes destinations while the recording runs. Needs the composite in mp4 and the live composite; recordings only. Stream keys are not stored: after a restart or a takeover the recording goes on without its streams.",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "stream"
      ]
     },
     "urls": {
      "type": "array",
      "minItems": 1,
      "maxItems": 4,
      "uniqueItems": true,
      "items": {
       "$ref": "#/components/schemas/StreamURL"
      }
     }
    },
    "example": {
     "kind": "stream",
     "urls": [
      "rtmp://127.0.0.1:1935/live/key",
      "srt://127.0.0.1:9000?streamid=call"
     ]
    }
   },
   "RenderOutputs": {
    "description": "Several outputs from one encode, instead of output: a composite file, its HLS copy, thumbnails of its pictures, and each track in a file of its own (a stream is live: recordings only); each kind at most once. Kind audio is refused (422 unsupported_output) until this server makes it. (Each order of the kinds is one of the shapes below.)",
    "oneOf": [
     {
      "type": "null"
     },
     {
      "type": "array",
      "minItems": 1,
      "maxItems": 1,
      "items": {
       "oneOf": [
        {
         "$ref": "#/components/schemas/CompositeOutput"
        },
        {
         "$ref": "#/components/schemas/HLSOutput"
        },
        {
         "$ref": "#/components/schemas/ThumbnailsOutput"
        },
        {
         "$ref": "#/components/schemas/TracksOutput"
        }
       ]
      }
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 2,
      "maxItems": 2,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 3,
      "maxItems": 3,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       }
      ],
      "items": false
     },
     {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "prefixItems": [
       {
        "$ref": "#/components/schemas/TracksOutput"
       },
       {
        "$ref": "#/components/schemas/ThumbnailsOutput"
       },
       {
        "$ref": "#/components/schemas/HLSOutput"
       },
       {
        "$ref": "#/components/schemas/CompositeMP4Output"
       }
      ],
      "items": false
     }
    ]
   },
   "TracksOutput": {
    "type": "object",
    "required": [
     "kind"
    ],
    "additionalProperties": false,
    "description": "Each participant's tracks, each in a file of its own copied from the dump without transcoding (VP8, VP9 and Opus in .webm, H.264 in .mp4): track-PARTICIPANT-ID-KIND.webm, listed in files. Every file is on the session's timeline (0 is the session's first packet; video by lip sync with its participant's audio), so a participant who joined 5 s in starts 5 s in and the files line up in an editor. Made when the job ends, from the whole dump: a render with from or to cannot ask for them.",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "tracks"
      ]
     }
    }
   },
   "CompositeMP4Output": {
    "type": "object",
    "required": [
     "kind"
    ],
    "additionalProperties": false,
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "composite"
      ]
     },
     "format": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "mp4",
       null
      ],
      "default": "mp4"
     },
     "width": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16,
      "maximum": 3840,
      "multipleOf": 2,
      "default": 1280
     },
     "height": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16,
      "maximum": 3840,
      "multipleOf": 2,
      "default": 720
     },
     "fps": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 1,
      "maximum": 60,
      "default": 30
     },
     "videoBitrate": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 50000,
      "maximum": 50000000,
      "default": 2500000
     },
     "preset": {
      "type": [
       "string",
       "null"
      ],
      "enum": [
       "ultrafast",
       "superfast",
       "veryfast",
       "faster",
       "fast",
       "medium",
       "slow",
       "slower",
       "veryslow",
       null
      ],
      "default": "veryfast"
     },
     "audioBitrate": {
      "type": [
       "integer",
       "null"
      ],
      "minimum": 16000,
      "maximum": 512000,
      "default": 128000
     }
    },
    "description": "The composite file in mp4, as an hls or stream output needs it."
   }
  }
 }
}
"""#
}
