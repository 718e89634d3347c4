using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>What every <see cref="IPlaybookStore"/> does: versions on change only, disable, delete that keeps versions.</summary>
public abstract class PlaybookStoreContract
{
    protected abstract IPlaybookStore Store { get; }

    [Fact]
    public async Task ApplyAsync_MakesVersion2_AndKeepsVersion1Readable_WhenTheDefinitionChanges()
    {
        var first = await Store.ApplyAsync(Playbooks.WinBack(), default);
        var edited = Playbooks.WinBack() with { Priority = 7, Holdout = 0.2 };

        var second = await Store.ApplyAsync(edited, default);
        var stored = await Store.GetAsync("winback", default);
        var version1 = await Store.GetVersionAsync("winback", 1, default);

        Assert.Equal(PlaybookApplyOutcome.Created, first.Outcome);
        Assert.Equal(1, first.Playbook.CurrentVersion);
        Assert.Equal(PlaybookApplyOutcome.Versioned, second.Outcome);
        Assert.Equal(2, second.Playbook.CurrentVersion);
        Assert.Equal([1, 2], stored!.Versions.Select(v => v.Version));
        Assert.Equal(7, stored.Current.Priority);
        Assert.Equal(0, version1!.Definition.Priority);
        Assert.Equal(0.1, version1.Definition.Holdout);
        Assert.Equal(0.1, stored.Versions[0].Definition.Holdout);
    }

    [Fact]
    public async Task ApplyAsync_MakesNoNewVersion_WhenTheDefinitionIsTheSame()
    {
        await Store.ApplyAsync(Playbooks.WinBack(), default);

        var again = await Store.ApplyAsync(Playbooks.WinBack(), default);
        var switchedOff = await Store.ApplyAsync(Playbooks.WinBack() with { Enabled = false }, default);

        Assert.Equal(PlaybookApplyOutcome.Unchanged, again.Outcome);
        Assert.Equal(PlaybookApplyOutcome.Unchanged, switchedOff.Outcome);
        Assert.Equal(1, switchedOff.Playbook.CurrentVersion);
        Assert.False(switchedOff.Playbook.Enabled);
        Assert.Single((await Store.GetAsync("winback", default))!.Versions);
    }

    [Fact]
    public async Task DisableAsync_TurnsThePlaybookOff_UntilItIsAppliedEnabled()
    {
        await Store.ApplyAsync(Playbooks.WinBack(), default);

        var disabled = await Store.DisableAsync("winback", default);
        var listed = Assert.Single(await Store.ListAsync(default));
        var reapplied = await Store.ApplyAsync(Playbooks.WinBack(), default);

        Assert.False(disabled!.Enabled);
        Assert.False(disabled.Current.Enabled);
        Assert.False(listed.Enabled);
        Assert.True(reapplied.Playbook.Enabled);
        Assert.Equal(1, reapplied.Playbook.CurrentVersion);
        Assert.Null(await Store.DisableAsync("no-such-playbook", default));
    }

    [Fact]
    public async Task DeleteAsync_HidesThePlaybook_ButKeepsItsVersions()
    {
        await Store.ApplyAsync(Playbooks.WinBack(), default);
        await Store.ApplyAsync(Playbooks.WinBack("other"), default);

        var deleted = await Store.DeleteAsync("winback", default);
        var deletedAgain = await Store.DeleteAsync("winback", default);
        var listed = await Store.ListAsync(default);
        var hidden = await Store.GetAsync("winback", default);
        var kept = await Store.GetVersionAsync("winback", 1, default);
        var back = await Store.ApplyAsync(Playbooks.WinBack() with { Priority = 3 }, default);

        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(["other"], listed.Select(p => p.Id));
        Assert.Null(hidden);
        Assert.NotNull(kept);
        Assert.Equal(PlaybookApplyOutcome.Created, back.Outcome);
        Assert.Equal(2, back.Playbook.CurrentVersion);
        Assert.True(back.Playbook.Enabled);
    }
}
