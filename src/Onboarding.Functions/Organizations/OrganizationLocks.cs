namespace Onboarding.Functions.Organizations;

/// <summary>
/// Serialises this instance's writers to one organization, so concurrent requests queue instead of
/// racing on the same ETags. Other instances are still kept apart by the ETags themselves.
/// </summary>
public sealed class OrganizationLocks
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string organizationId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(organizationId, out entry!))
            {
                entries[organizationId] = entry = new Entry();
            }
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(organizationId, entry, acquired: false);
            throw;
        }
        return new Lease(() => Release(organizationId, entry, acquired: true));
    }

    private void Release(string organizationId, Entry entry, bool acquired)
    {
        if (acquired)
        {
            entry.Gate.Release();
        }
        lock (entries)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(organizationId);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Lease(Action release) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                release();
            }
        }
    }
}
