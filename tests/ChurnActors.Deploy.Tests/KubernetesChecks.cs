using System.Globalization;
using Npgsql;

namespace ChurnActors.Deploy.Tests;

/// <summary>What must hold of the Kubernetes manifests; each check returns one line per problem.</summary>
internal static class KubernetesChecks
{
    public const string SiloDeployment = "churnactors-silo";

    public const string ApiDeployment = "churnactors-api";

    public const string SettingsMap = "churnactors-settings";

    public const string Secrets = "churnactors-secrets";

    public const string MigrateJob = "churnactors-migrate";

    public const int SiloReplicas = 3;

    /// <summary>The marker every placeholder value of the Secret carries.</summary>
    public const string Placeholder = "CHANGE-ME";

    /// <summary>The first container of a workload's pod template.</summary>
    public static YamlMap Container(YamlMap workload) => workload.Maps("spec.template.spec.containers")[0];

    /// <summary>The environment a workload's container sees: the ConfigMap's and Secret's entries, then its own env.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(KubernetesObjects objects, YamlMap workload)
    {
        var container = Container(workload);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.Find("envFrom") is List<object?> ? container.Maps("envFrom") : [])
        {
            var (kind, data) = source.Find("configMapRef.name") is string map ? ("ConfigMap", (Name: map, Path: "data"))
                : ("Secret", (Name: source.Text("secretRef.name"), Path: "stringData"));
            foreach (var (key, value) in objects.Get(kind, data.Name).Map(data.Path).Scalars())
            {
                environment[key] = value;
            }
        }

        foreach (var variable in container.Find("env") is List<object?> ? container.Maps("env") : [])
        {
            environment[variable.Text("name")] = variable.Find("value") as string;
        }

        return environment;
    }

    /// <summary>The silo Deployment runs three replicas and its selector matches its own pods.</summary>
    public static IReadOnlyList<string> Replicas(KubernetesObjects objects)
    {
        var silo = objects.Get("Deployment", SiloDeployment);
        var problems = new List<string>();
        if (silo.Integer("spec.replicas") != SiloReplicas)
        {
            problems.Add($"{SiloDeployment} runs {silo.Text("spec.replicas")} replicas: expected {SiloReplicas}.");
        }

        foreach (var deployment in objects.OfKind("Deployment"))
        {
            if (!Selects(deployment.Map("spec.selector.matchLabels"), deployment.Map("spec.template.metadata.labels")))
            {
                problems.Add($"{deployment.Text("metadata.name")}'s selector does not match its own pod template.");
            }
        }

        return problems;
    }

    /// <summary>Container ports named http, silo and gateway are the ports the host listens on.</summary>
    public static IReadOnlyList<string> Ports(KubernetesObjects objects)
    {
        var problems = new List<string>();
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var name = deployment.Text("metadata.name");
            var environment = Environment(objects, deployment);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["http"] = int.Parse(environment.GetValueOrDefault(DockerfileChecks.HttpPortsVariable) ?? "-1", CultureInfo.InvariantCulture),
            };
            if (name == SiloDeployment)
            {
                expected["silo"] = CodeDefaults.EffectivePort(environment, CodeDefaults.SiloPortKey, CodeDefaults.SiloPort);
                expected["gateway"] = CodeDefaults.EffectivePort(environment, CodeDefaults.GatewayPortKey, CodeDefaults.GatewayPort);
            }

            var declared = Container(deployment).Maps("ports").ToDictionary(p => p.Text("name"), p => p.Integer("containerPort"), StringComparer.Ordinal);
            foreach (var (port, number) in expected)
            {
                if (!declared.TryGetValue(port, out var actual) || actual != number)
                {
                    problems.Add($"{name}: container port '{port}' is {(declared.TryGetValue(port, out var a) ? a.ToString(CultureInfo.InvariantCulture) : "missing")}, but the host listens on {number}.");
                }
            }
        }

        return problems;
    }

    /// <summary>Readiness asks /health/ready, liveness (and startup) /health/live, on the HTTP port; the host maps both.</summary>
    public static IReadOnlyList<string> Probes(KubernetesObjects objects, IReadOnlySet<string> routes)
    {
        var problems = new List<string>();
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var name = deployment.Text("metadata.name");
            var container = Container(deployment);
            foreach (var (probe, path) in new[] { ("readinessProbe", HealthPaths.Ready), ("livenessProbe", HealthPaths.Live), ("startupProbe", HealthPaths.Live) })
            {
                if (container.Find(probe) is null && probe == "startupProbe")
                {
                    continue;
                }

                var actual = container.Find($"{probe}.httpGet.path") as string;
                if (actual != path || !routes.Contains(path))
                {
                    problems.Add($"{name}: {probe} asks {actual ?? "nothing"}: expected {path}, which the host maps.");
                }

                var port = container.Find($"{probe}.httpGet.port") as string;
                var http = container.Maps("ports").FirstOrDefault(p => p.Text("name") == "http");
                if (port != "http" && port != http?.Text("containerPort"))
                {
                    problems.Add($"{name}: {probe} asks port {port}, not the HTTP port.");
                }
            }
        }

        return problems;
    }

    /// <summary>A silo's node name is its pod name and it advertises its pod IP.</summary>
    public static IReadOnlyList<string> Identity(KubernetesObjects objects)
    {
        var variables = Container(objects.Get("Deployment", SiloDeployment)).Maps("env").ToDictionary(v => v.Text("name"), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (variable, field) in new[] { ("ChurnActors__Node__Name", "metadata.name"), ("ChurnActors__Cluster__AdvertisedAddress", "status.podIP") })
        {
            if (variables.GetValueOrDefault(variable)?.Find("valueFrom.fieldRef.fieldPath") as string != field)
            {
                problems.Add($"{SiloDeployment}: {variable} is not taken from the pod's {field}.");
            }
        }

        return problems;
    }

    /// <summary>Pods get longer to stop than the host's shutdown timeout, and request CPU and memory.</summary>
    public static IReadOnlyList<string> Lifecycle(KubernetesObjects objects)
    {
        var problems = new List<string>();
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var name = deployment.Text("metadata.name");
            var shutdown = EnvironmentSettings.ShutdownTimeout(Environment(objects, deployment));
            var grace = TimeSpan.FromSeconds(deployment.Find("spec.template.spec.terminationGracePeriodSeconds") is string seconds
                ? int.Parse(seconds, CultureInfo.InvariantCulture)
                : 30); // Kubernetes' default
            if (grace <= shutdown)
            {
                problems.Add($"{name}: terminationGracePeriodSeconds {grace.TotalSeconds} is not longer than the host's shutdown timeout {shutdown.TotalSeconds} s.");
            }
        }

        foreach (var workload in objects.OfKind("Deployment").Concat(objects.OfKind("Job")))
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if (Container(workload).Find($"resources.requests.{resource}") is null)
                {
                    problems.Add($"{workload.Text("metadata.name")} requests no {resource}.");
                }
            }

            if (workload.Find("spec.template.spec.securityContext.runAsNonRoot") as string != "true")
            {
                problems.Add($"{workload.Text("metadata.name")} does not require runAsNonRoot.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Every ConfigMap key, Secret key and container variable names a setting the code reads; the workloads refer to the
    /// ConfigMap and Secret that exist.
    /// </summary>
    public static IReadOnlyList<string> Settings(KubernetesObjects objects)
    {
        var problems = new List<string>();
        foreach (var map in objects.OfKind("ConfigMap"))
        {
            problems.AddRange(EnvironmentSettings.Problems(map.Map("data").Scalars(), $"ConfigMap {map.Text("metadata.name")}"));
        }

        foreach (var secret in objects.OfKind("Secret"))
        {
            problems.AddRange(EnvironmentSettings.Problems(secret.Map("stringData").Scalars(), $"Secret {secret.Text("metadata.name")}"));
        }

        foreach (var workload in objects.OfKind("Deployment").Concat(objects.OfKind("Job")))
        {
            var name = workload.Text("metadata.name");
            var container = Container(workload);
            if (container.Find("env") is List<object?>)
            {
                problems.AddRange(EnvironmentSettings.Problems(
                    container.Maps("env").Select(v => KeyValuePair.Create(v.Text("name"), v.Find("value") as string)), name));
            }

            foreach (var source in container.Find("envFrom") is List<object?> ? container.Maps("envFrom") : [])
            {
                var (kind, referenced) = source.Find("configMapRef.name") is string map ? ("ConfigMap", map) : ("Secret", source.Text("secretRef.name"));
                if (!objects.OfKind(kind).Any(o => o.Text("metadata.name") == referenced))
                {
                    problems.Add($"{name} reads {kind} {referenced}, which the manifests do not define.");
                }
            }
        }

        return problems;
    }

    /// <summary>Every Secret value is a marked placeholder, and the connection string caps its pools.</summary>
    public static IReadOnlyList<string> Secret(KubernetesObjects objects)
    {
        var data = objects.Get("Secret", Secrets).Map("stringData").Scalars();
        var problems = data.Where(e => e.Value?.Contains(Placeholder, StringComparison.Ordinal) != true)
            .Select(e => $"Secret {Secrets}: {e.Key} is not a placeholder marked {Placeholder}.").ToList();
        if (data.GetValueOrDefault(CodeDefaults.ConnectionStringVariable) is not { } connectionString)
        {
            problems.Add($"Secret {Secrets} has no {CodeDefaults.ConnectionStringVariable}.");
        }
        else if (!new NpgsqlConnectionStringBuilder(connectionString).ContainsKey("Maximum Pool Size"))
        {
            problems.Add($"Secret {Secrets}: the connection string sets no Maximum Pool Size.");
        }

        return problems;
    }

    /// <summary>The PodDisruptionBudget selects exactly the silo pods and lets one of them go at a time.</summary>
    public static IReadOnlyList<string> DisruptionBudget(KubernetesObjects objects)
    {
        var budget = objects.OfKind("PodDisruptionBudget").Single();
        var selector = budget.Map("spec.selector.matchLabels");
        var problems = new List<string>();
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var name = deployment.Text("metadata.name");
            var selected = Selects(selector, deployment.Map("spec.template.metadata.labels"));
            if (selected != (name == SiloDeployment))
            {
                problems.Add($"The PodDisruptionBudget {(selected ? "selects" : "does not select")} the pods of {name}.");
            }
        }

        var replicas = objects.Get("Deployment", SiloDeployment).Integer("spec.replicas");
        var allowed = budget.Find("spec.maxUnavailable") is string most ? int.Parse(most, CultureInfo.InvariantCulture)
            : budget.Find("spec.minAvailable") is string least ? replicas - int.Parse(least, CultureInfo.InvariantCulture)
            : 0;
        if (allowed != 1)
        {
            problems.Add($"The PodDisruptionBudget lets {allowed} of {replicas} silos go at once: expected 1.");
        }

        return problems;
    }

    /// <summary>The HTTP Service sends to the silos' named HTTP port and to no pod that does not serve HTTP.</summary>
    public static IReadOnlyList<string> Service(KubernetesObjects objects)
    {
        var service = objects.OfKind("Service").Single();
        var selector = service.Map("spec.selector");
        var problems = new List<string>();
        foreach (var workload in objects.OfKind("Deployment").Concat(objects.OfKind("Job")))
        {
            var name = workload.Text("metadata.name");
            var servesHttp = Container(workload).Find("ports") is List<object?> && Container(workload).Maps("ports").Any(p => p.Text("name") == "http");
            if (Selects(selector, workload.Map("spec.template.metadata.labels")) != servesHttp)
            {
                problems.Add($"The Service {(servesHttp ? "does not select" : "selects")} the pods of {name}.");
            }
        }

        var target = service.Maps("spec.ports").Select(p => p.Text("targetPort")).ToList();
        if (!target.SequenceEqual(["http"]))
        {
            problems.Add($"The Service targets {string.Join(", ", target)}: expected the named port http.");
        }

        return problems;
    }

    /// <summary>The migration Job runs <c>churnactors db migrate</c> with the Secret's connection string.</summary>
    public static IReadOnlyList<string> Migration(KubernetesObjects objects)
    {
        var job = objects.Get("Job", MigrateJob);
        var problems = new List<string>();
        var command = Container(job).List("command").Cast<string>().ToList();
        if (!command.SequenceEqual(["churnactors", "db", "migrate"]))
        {
            problems.Add($"{MigrateJob} runs '{string.Join(' ', command)}', not 'churnactors db migrate'.");
        }

        if (!Environment(objects, job).ContainsKey(CodeDefaults.ConnectionStringVariable))
        {
            problems.Add($"{MigrateJob} gets no {CodeDefaults.ConnectionStringVariable}.");
        }

        return problems;
    }

    private static bool Selects(YamlMap selector, YamlMap labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && Equals(value, s.Value));
}
