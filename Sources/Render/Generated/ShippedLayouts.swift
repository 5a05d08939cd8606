// The layouts that ship with tessera. Generated from layouts/ by scripts/embed-layouts.sh.
enum ShippedLayouts {
    static let byName: [String: String] = [
        "grid": #"""
{
  "name": "grid",
  "description": "Everyone in the squarest grid that fits, in join order, reflowing as people come and go: 1 fills the canvas, 2 side by side, 3-4 in 2x2, up to 25 in 5x5.",
  "background": "#000000",
  "regions": [
    {
      "name": "everyone",
      "x": 0, "y": 0, "width": 1, "height": 1,
      "maxRows": 5, "maxColumns": 5,
      "fit": "contain",
      "reuse": "reflow"
    }
  ]
}
"""#,
        "presentation": #"""
{
  "name": "presentation",
  "description": "A screen share fills the top; everyone's camera sits in a strip below, keeping their place. With nobody sharing, everyone is shown in a grid.",
  "background": "#101010",
  "fallback": "grid",
  "regions": [
    {
      "name": "screen",
      "select": "screens",
      "x": 0, "y": 0, "width": 1, "height": 0.78,
      "take": 1,
      "fit": "contain"
    },
    {
      "name": "cameras",
      "select": "all",
      "x": 0, "y": 0.78, "width": 1, "height": 0.22,
      "maxRows": 1, "maxColumns": 8,
      "fit": "cover",
      "reuse": "keep",
      "gap": 4
    }
  ]
}
"""#,
        "presenter": #"""
{
  "name": "presenter",
  "description": "The first to join fills the left three quarters; everyone else stacks in a column on the right, keeping their place.",
  "background": "#101010",
  "regions": [
    {
      "name": "presenter",
      "x": 0, "y": 0, "width": 0.75, "height": 1,
      "take": 1,
      "fit": "contain"
    },
    {
      "name": "others",
      "x": 0.75, "y": 0, "width": 0.25, "height": 1,
      "maxRows": 6, "maxColumns": 1,
      "fit": "cover",
      "reuse": "keep",
      "gap": 4,
      "border": { "width": 2, "color": "#303030" }
    }
  ]
}
"""#,
        "speaker": #"""
{
  "name": "speaker",
  "description": "Whoever speaks fills the top (chosen from audio levels, held at least 2 s, so it does not flicker); everyone else sits in a strip below, keeping their place. Until someone speaks, everyone is shown in a grid.",
  "background": "#101010",
  "fallback": "grid",
  "regions": [
    {
      "name": "speaker",
      "select": "speaker",
      "x": 0, "y": 0, "width": 1, "height": 0.78,
      "take": 1,
      "fit": "contain"
    },
    {
      "name": "others",
      "select": "all",
      "x": 0, "y": 0.78, "width": 1, "height": 0.22,
      "maxRows": 1, "maxColumns": 8,
      "fit": "cover",
      "reuse": "keep",
      "gap": 4
    }
  ]
}
"""#,
    ]
}
