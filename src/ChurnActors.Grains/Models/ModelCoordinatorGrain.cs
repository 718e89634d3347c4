using System.Diagnostics;
using System.Globalization;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChurnActors.Grains.Models;

/// <summary>
/// The shop's model coordinator (one, key <see cref="IModelCoordinatorGrain.ShopKey"/>). An Orleans reminder
/// (<see cref="ModelCoordinatorOptions.RetrainPeriod"/>) runs <see cref="RetrainIfDueAsync"/>: once
/// <see cref="ModelCoordinatorOptions.RetrainAfterEvents"/> events have arrived since the newest registered model
/// was trained, it retrains through <see cref="IModelTrainer"/>, registers the candidate, promotes it through the
/// gate and pushes the champion to every active silo. Pushes go to each silo's <see cref="SiloModelGrain"/> at once,
/// each retried on its own, so one slow or failing silo delays none of the others; one push runs at a time, each
/// reading the champion when it starts, so the last push always carries the latest champion.
/// </summary>
public sealed class ModelCoordinatorGrain(
    IModelRegistry registry,
    IEventLogReader eventLog,
    IModelTrainer trainer,
    IClusterMembershipService membership,
    IOptions<ModelCoordinatorOptions> options,
    TimeProvider time,
    ILogger<ModelCoordinatorGrain> logger) : Grain, IModelCoordinatorGrain, IRemindable
{
    /// <summary>The prefix of the retraining reminder's name, which ends in its period (seconds).</summary>
    public const string ReminderPrefix = "retrain-";

    private static readonly ResiliencePropertyKey<string> PushedSilo = new("churnactors.push.silo");
    private static readonly ResiliencePropertyKey<string> PushedVersion = new("churnactors.push.version");

    private readonly ModelCoordinatorOptions _options = options.Value;
    private readonly ResiliencePipeline _push = PushPipeline(options.Value, time, logger);
    private readonly SemaphoreSlim _pushing = new(1, 1);
    private string? _lastPushed;

    public async Task EnsureScheduledAsync()
    {
        // The name carries the period, so a silo start with the same setting leaves the schedule alone (re-registering
        // would restart the period on every start), and a changed setting replaces the old reminder.
        var name = ReminderPrefix + ((long)_options.RetrainPeriod.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var found = false;
        foreach (var reminder in await this.GetReminders())
        {
            if (reminder.ReminderName == name)
            {
                found = true;
            }
            else if (reminder.ReminderName.StartsWith(ReminderPrefix, StringComparison.Ordinal))
            {
                await this.UnregisterReminder(reminder);
            }
        }

        if (!found)
        {
            await this.RegisterOrUpdateReminder(name, _options.RetrainPeriod, _options.RetrainPeriod);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            // A champion changed straight in the database (`churnactors models promote --connection`) reaches the
            // silos here at the latest.
            var outcome = await RetrainIfDueAsync();
            if (outcome.Status != "promoted" && (await registry.ChampionAsync(CancellationToken.None))?.Version.ToString(CultureInfo.InvariantCulture) != _lastPushed)
            {
                await PublishChampionAsync();
            }
        }
#pragma warning disable CA1031 // A failed round keeps the champion; the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ModelsLog.RetrainFailed(logger, ex);
        }
    }

    public async Task<RetrainOutcome> RetrainIfDueAsync()
    {
        var cancellationToken = CancellationToken.None;
        var last = await eventLog.ReadLastSequenceAsync(cancellationToken);
        var trainedThrough = await registry.LastTrainedSequenceAsync(cancellationToken) ?? 0;
        var newEvents = Math.Max(0, last - trainedThrough);
        if (newEvents < _options.RetrainAfterEvents)
        {
            ModelsLog.NotDue(logger, newEvents, _options.RetrainAfterEvents);
            return new RetrainOutcome
            {
                Status = "not-due",
                NewEvents = newEvents,
                Reason = $"{newEvents:N0} new events since the last training; retraining starts at {_options.RetrainAfterEvents:N0}.",
            };
        }

        ModelsLog.Retraining(logger, last, newEvents);
        var champion = await registry.ChampionAsync(cancellationToken);
        var candidate = await trainer.TrainAsync(new TrainingRequest(last, time.GetUtcNow(), champion), cancellationToken);
        if (candidate is null)
        {
            const string reason = "The trainer produced no model (too little data, or no trainer configured).";
            ModelsLog.NoModel(logger, reason);
            return new RetrainOutcome { Status = "no-model", NewEvents = newEvents, Reason = reason };
        }

        var training = candidate.Training.ThroughSequence is null ? candidate.Training with { ThroughSequence = last } : candidate.Training;
        var registered = await registry.RegisterAsync(new ModelRegistration(candidate.Snapshot, training, candidate.Evaluation), cancellationToken);
        PromotionRecord promotion;
        try
        {
            promotion = await registry.PromoteAsync(registered.Version, force: false, actor: "coordinator", cancellationToken);
        }
        catch (ModelRegistryException ex) when (ex.Error == ModelRegistryError.GateRefused)
        {
            ModelsLog.Refused(logger, registered.Version, ex.Message);
            return new RetrainOutcome { Status = "refused", NewEvents = newEvents, Version = registered.Version, Reason = ex.Message };
        }

        ModelsLog.Promoted(logger, registered.Version, promotion.Reason);
        var push = await PublishChampionAsync();
        return new RetrainOutcome { Status = "promoted", NewEvents = newEvents, Version = registered.Version, Reason = promotion.Reason, Push = push };
    }

    public async Task<ModelPushReport> PublishChampionAsync()
    {
        await _pushing.WaitAsync();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var champion = await registry.ChampionAsync(CancellationToken.None);
            var silos = membership.CurrentSnapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active)
                .Select(m => m.SiloAddress)
                .ToList();
            if (champion?.Snapshot is not { } snapshot)
            {
                return new ModelPushReport { Silos = [], Elapsed = Stopwatch.GetElapsedTime(started) };
            }

            var push = new ModelPush { Name = snapshot.Name, Version = snapshot.Version, Snapshot = ModelSnapshotJson.SerializeToUtf8Bytes(snapshot) };
            var results = await Task.WhenAll(silos.Select(silo => PushAsync(silo, push, started)));
            var report = new ModelPushReport { Name = push.Name, Version = push.Version, Silos = results, Elapsed = Stopwatch.GetElapsedTime(started) };
            _lastPushed = results.All(r => r.Succeeded) ? push.Version : null;
            ModelsLog.Pushed(logger, report.Name, report.Version, results.Count(r => r.Succeeded), results.Length, report.Elapsed.TotalMilliseconds);
            return report;
        }
        finally
        {
            _pushing.Release();
        }
    }

    private async Task<SiloPushResult> PushAsync(SiloAddress silo, ModelPush push, long started)
    {
        var key = silo.ToParsableString();
        var holder = GrainFactory.GetGrain<ISiloModelGrain>(key);
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true);
        context.Properties.Set(PushedSilo, key);
        context.Properties.Set(PushedVersion, push.Version);
        var attempts = 0;
        try
        {
            await _push.ExecuteAsync(
                async _ =>
                {
                    attempts++;
                    await holder.UseModelAsync(push).WaitAsync(_options.PushTimeout);
                },
                context);
            return new SiloPushResult { Silo = key, Succeeded = true, Attempts = attempts, Elapsed = Stopwatch.GetElapsedTime(started) };
        }
#pragma warning disable CA1031 // One silo's failure is reported, not thrown: the other silos' pushes go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ModelsLog.PushFailed(logger, push.Version, key, attempts, _options.PushAttempts, ex);
            return new SiloPushResult
            {
                Silo = key,
                Succeeded = false,
                Attempts = attempts,
                Elapsed = Stopwatch.GetElapsedTime(started),
                Error = ex.Message,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Up to <see cref="ModelCoordinatorOptions.PushAttempts"/> tries of a push to one silo, the first retry
    /// <see cref="ModelCoordinatorOptions.PushRetryDelay"/> after a failure and each further one twice as long after.
    /// Each failed try but the last is logged here; the last where the push is reported.
    /// </summary>
    private static ResiliencePipeline PushPipeline(ModelCoordinatorOptions options, TimeProvider time, ILogger logger) => options.PushAttempts <= 1
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(),
                MaxRetryAttempts = options.PushAttempts - 1,
                Delay = options.PushRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                OnRetry = args =>
                {
                    ModelsLog.PushFailed(
                        logger,
                        args.Context.Properties.GetValue(PushedVersion, ""),
                        args.Context.Properties.GetValue(PushedSilo, ""),
                        args.AttemptNumber + 1,
                        options.PushAttempts,
                        args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
