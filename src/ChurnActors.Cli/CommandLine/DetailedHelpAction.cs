using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ChurnActors.Cli.CommandLine;

/// <summary>
/// The generated help, followed by a command's <see cref="CliCommand.Details"/>: the one-line description stays
/// short in command listings, and <c>churnactors &lt;command&gt; --help</c> still explains how the command behaves.
/// </summary>
internal sealed class DetailedHelpAction(HelpAction generated) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = generated.Invoke(parseResult);
        if (parseResult.CommandResult.Command is CliCommand { Details: { } details })
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Details:");
            foreach (var line in Wrap(details, width: 110))
            {
                output.WriteLine("  " + line);
            }

            output.WriteLine();
        }

        return exitCode;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            yield return line.ToString();
        }
    }
}
