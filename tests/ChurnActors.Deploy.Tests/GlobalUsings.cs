global using YamlMap = System.Collections.Generic.Dictionary<object, object?>;
