public enum DumpPlaceholder {}
