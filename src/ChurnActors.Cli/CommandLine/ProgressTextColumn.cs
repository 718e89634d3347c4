using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChurnActors.Cli.CommandLine;

/// <summary>A progress column showing the work's line of counts, read at each redraw.</summary>
internal sealed class ProgressTextColumn(Func<string> text) : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(text(), new Style(Color.Grey)) { Overflow = Overflow.Ellipsis };
}
