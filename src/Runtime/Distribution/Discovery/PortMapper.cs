using System.Net;
using Microsoft.Extensions.Logging;

namespace Typed.Distribution.Discovery;

/// <summary>
/// A node's view of discovery through port mappers: its own registration with the mapper on its host, and
/// port lookups of other nodes on theirs.
/// </summary>
/// <remarks>
/// Design note. Exchange: at start the node sends ALIVE2_REQ to the mapper at
/// <see cref="PortMapperOptions.Address"/>:<see cref="PortMapperOptions.Port"/> and keeps that connection open;
/// a lookup is one PORT_PLEASE2_REQ on a fresh connection to the mapper on the peer's host, same port.
/// Like Erlang, when nothing answers the node becomes the mapper itself: it starts an <see cref="EmbeddedEpmd"/>
/// and registers with it over loopback like any client. Binding decides who hosts: if another process binds
/// the port first, this node goes back to being its client.
/// Invariants: at most one registration is held at a time; <see cref="Creation"/> is the first registration's
/// number and never changes, because pids already handed out carry it. When the registration is lost (the
/// process hosting the mapper died, or the mapper stopped), the node re-runs "connect, else host" in the
/// background, with bounded retries and backoff, each step logged; every node that was registered there does
/// the same, and the port's single binder becomes the new mapper. Disposing unregisters, and stops the
/// embedded mapper if this node hosts it, which makes its other clients re-elect one.
/// </remarks>
internal sealed class PortMapper : IAsyncDisposable
{
    /// <summary>How many times startup goes round "connect, else bind" when it keeps losing the bind race.</summary>
    const int MaxAcquireRounds = 5;

    readonly PortMapperOptions _options;
    readonly ILogger _logger;
    readonly EpmdClient _client;
    readonly CancellationTokenSource _stop = new();
    EpmdRegistration _registration = null!;
    EmbeddedEpmd? _hosted;
    Task _watch = Task.CompletedTask;
    int _registrations;
    int _disposed;

    PortMapper(PortMapperOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _client = new EpmdClient(options.Address, options.Port) { Timeout = options.Timeout };
    }

    /// <summary>The node's creation number, from its first registration.</summary>
    public uint Creation { get; private set; }

    /// <summary>Whether the node's name is registered right now (false while a lost registration is being retried).</summary>
    public bool IsRegistered => Volatile.Read(ref _registration) is { Lost.IsCompleted: false } && Volatile.Read(ref _disposed) == 0;

    /// <summary>Whether the mapper the node is registered with runs inside this process.</summary>
    public bool HostsMapper => Volatile.Read(ref _hosted) is not null;

    /// <summary>How many times the node has registered: 1 after start, one more per successful re-registration.</summary>
    public int Registrations => Volatile.Read(ref _registrations);

    /// <summary>
    /// Registers the node with the mapper on its host, starting one in this process when none answers and
    /// <see cref="PortMapperOptions.StartEmbedded"/> allows it.
    /// </summary>
    /// <exception cref="EpmdException">No mapper answered and none may be started, the name is taken
    /// (<see cref="EpmdFailure.NameTaken"/>), or the mapper answered late or wrongly.</exception>
    public static async Task<PortMapper> StartAsync(PortMapperOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var mapper = new PortMapper(options, logger);
        var (registration, hosted) = await mapper.AcquireAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        mapper._registration = registration;
        mapper._hosted = hosted;
        mapper._registrations = 1;
        mapper.Creation = registration.Creation;
        DiscoveryLog.Registered(logger, options.ShortName, options.ListenPort, registration.Mapper, registration.Creation, hosted is not null);
        mapper._watch = mapper.WatchAsync();
        return mapper;
    }

    /// <summary>
    /// The port <paramref name="shortName"/> listens on, asked of the mapper on <paramref name="host"/> (same
    /// mapper port as this node's); null when it is not registered there or no mapper answers there.
    /// </summary>
    /// <exception cref="EpmdException">The mapper answered late or wrongly.</exception>
    public async Task<int?> LookupAsync(string shortName, IPAddress host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            return await new EpmdClient(host, _options.Port) { Timeout = _options.Timeout }
                .PortOfAsync(shortName, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch (EpmdException e) when (e.Failure == EpmdFailure.Unreachable)
        {
            DiscoveryLog.LookupUnreachable(_logger, shortName, e.Mapper, e);
            return null;
        }
    }

    /// <summary>Registers with whoever answers, or becomes the mapper when nobody does.</summary>
    async Task<(EpmdRegistration Registration, EmbeddedEpmd? Hosted)> AcquireAsync(CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                return (await RegisterAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture), null);
            }
            catch (EpmdException e) when (e.Failure == EpmdFailure.Unreachable && _options.StartEmbedded && round <= MaxAcquireRounds)
            {
                DiscoveryLog.NoMapperAnswered(_logger, _client.EndPoint, e.Message);
            }

            var hosted = await EmbeddedEpmd.TryStartAsync(_options.Address, _options.Port, _logger, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            if (hosted is null)
            {
                // Another process bound the port between our connect and our bind: it is the mapper now.
                DiscoveryLog.LostMapperRace(_logger, _client.EndPoint, round);
                continue;
            }

            try
            {
                return (await RegisterAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture), hosted);
            }
            catch
            {
                await hosted.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
                throw;
            }
        }
    }

    Task<EpmdRegistration> RegisterAsync(CancellationToken cancellationToken) =>
        _client.RegisterAsync(_options.ShortName, _options.ListenPort, _options.Hidden, cancellationToken);

    /// <summary>Waits for the registration to be lost, then gets a new one; ends at dispose or when retries run out.</summary>
    async Task WatchAsync()
    {
        while (true)
        {
            try
            {
                await _registration.Lost.WaitAsync(_stop.Token).ConfigureAwait(SimulationContext.Capture);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            DiscoveryLog.RegistrationLost(_logger, _options.ShortName, _registration.Mapper);
            await _registration.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            if (!await ReacquireAsync().ConfigureAwait(SimulationContext.Capture))
            {
                return;
            }
        }
    }

    async Task<bool> ReacquireAsync()
    {
        var backoff = _options.ReregisterBackoff;
        for (var attempt = 1; attempt <= _options.ReregisterAttempts; attempt++)
        {
            try
            {
                var (registration, hosted) = await AcquireAsync(_stop.Token).ConfigureAwait(SimulationContext.Capture);
                if (hosted is not null && Interlocked.Exchange(ref _hosted, hosted) is { } previous)
                {
                    // Our own mapper dropped us yet we could bind again: it had stopped serving.
                    await previous.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
                }

                Volatile.Write(ref _registration, registration);
                Interlocked.Increment(ref _registrations);
                DiscoveryLog.Reregistered(_logger, _options.ShortName, registration.Mapper, attempt, registration.Creation, Creation, hosted is not null);
                return true;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e)
            {
                var last = attempt == _options.ReregisterAttempts;
                DiscoveryLog.ReregisterFailed(_logger, _options.ShortName, attempt, _options.ReregisterAttempts, last ? TimeSpan.Zero : backoff, e);
                if (last)
                {
                    break;
                }
            }

            try
            {
                await Task.Delay(backoff, SimulationContext.Clock, _stop.Token).ConfigureAwait(SimulationContext.Capture);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxReregisterBackoff.Ticks));
        }

        DiscoveryLog.ReregisterGaveUp(_logger, _options.ShortName, _options.ReregisterAttempts);
        return false;
    }

    /// <summary>Unregisters, and stops the embedded mapper if this node hosts it. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The watcher is the only other writer of the fields below; once it has ended they are ours.
        await _stop.CancelAsync().ConfigureAwait(SimulationContext.Capture);
        await _watch.ConfigureAwait(SimulationContext.Capture);
        await _registration.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        if (_hosted is { } hosted)
        {
            await hosted.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }

        _stop.Dispose();
    }
}
