using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>Playbook definitions for the store tests.</summary>
internal static class Playbooks
{
    public static PlaybookDefinition WinBack(string id = "winback") => PlaybookReader.Read($$"""
        { "id": "{{id}}", "name": "Win back", "entry": { "to": "high" },
          "steps": [ { "id": "mail", "action": { "type": "webhook", "endpoint": "crm" } },
                     { "id": "offer", "delay": "3d", "action": { "type": "offer", "endpoint": "crm", "coupon": { "amount": 10, "currency": "EUR" } } } ] }
        """).Definition ?? throw new InvalidOperationException("The test playbook does not validate.");
}
