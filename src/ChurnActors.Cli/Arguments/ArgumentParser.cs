namespace ChurnActors.Cli.Arguments;

/// <summary>
/// Parses the tokens after the command words: <c>--name value</c>, <c>--name=value</c> and <c>--flag</c>.
/// Unknown options, repeated options (unless declared repeatable), missing values, stray positional arguments and missing required options
/// are reported as <see cref="UsageException"/>. <c>--help</c>/<c>-h</c> anywhere short-circuits validation.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(tokens);

        if (tokens.Any(IsHelp))
        {
            return new ParsedArguments(spec, new Dictionary<string, string?>(), helpRequested: true);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var repeated = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                if (spec.Positional is { } positional && !values.ContainsKey(positional.Name) && !token.StartsWith('-'))
                {
                    values[positional.Name] = token;
                    continue;
                }

                throw new UsageException($"unexpected argument '{token}'");
            }

            var body = token[2..];
            string? inlineValue = null;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = body[(equals + 1)..];
                body = body[..equals];
            }

            var option = spec.Find(body) ?? throw new UsageException($"unknown option '--{body}' for '{spec.Path}'");
            if (values.ContainsKey(option.Name) && !option.Repeatable)
            {
                throw new UsageException($"option --{option.Name} was given more than once");
            }

            if (option.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"option --{option.Name} is a flag and takes no value");
                }

                values[option.Name] = null;
                continue;
            }

            if (inlineValue is null)
            {
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"option --{option.Name} needs a value ({option.ValueName})");
                }

                inlineValue = tokens[++i];
            }

            if (inlineValue.Length == 0)
            {
                throw new UsageException($"option --{option.Name} needs a non-empty value ({option.ValueName})");
            }

            values[option.Name] = inlineValue;
            if (option.Repeatable)
            {
                if (!repeated.TryGetValue(option.Name, out var list))
                {
                    repeated[option.Name] = list = [];
                }

                list.Add(inlineValue);
            }
        }

        if (spec.Positional is { Required: true } required && !values.ContainsKey(required.Name))
        {
            throw new UsageException($"missing {required.ValueName}");
        }

        var missing = spec.Options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name));
        if (missing is not null)
        {
            throw new UsageException($"missing required option {missing.Display}");
        }

        return new ParsedArguments(spec, values, helpRequested: false, repeated.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal));
    }

    public static bool IsHelp(string token) => token is "--help" or "-h";
}
