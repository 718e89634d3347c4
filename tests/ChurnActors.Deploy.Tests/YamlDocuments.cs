using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ChurnActors.Deploy.Tests;

/// <summary>
/// Reads YAML the way compose and kubectl do, anchors and merge keys (<c>&lt;&lt;: *x</c>) resolved, into plain
/// mappings, lists and strings.
/// </summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every document of a file (<c>---</c> separated); empty documents are left out.</summary>
    public static IReadOnlyList<YamlMap> Load(string text)
    {
        using var reader = new StringReader(text);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<YamlMap>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<YamlMap?>(parser) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }
}
