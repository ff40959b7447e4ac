using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

namespace Typed.Distribution.Transport;

/// <summary>
/// TLS as a layer over any transport (Erlang's <c>inet_tls_dist</c>, Kestrel's TLS middleware): each
/// side shows its certificate and checks the other's before the distribution handshake starts.
/// </summary>
/// <remarks>
/// Accepted connections are authenticated concurrently, each within <c>handshakeTimeout</c>, so a
/// peer that stalls its TLS handshake never holds up the next one.
/// </remarks>
public sealed class TlsTransport : IDistributionTransport
{
    const string TargetHost = "typed-node";

    readonly IDistributionTransport _inner;
    readonly DistributionTls _tls;
    readonly TimeSpan _handshakeTimeout;

    /// <summary>Layers TLS over <paramref name="inner"/>.</summary>
    /// <param name="inner">The carrier underneath (TCP, in-memory...).</param>
    /// <param name="tls">This node's certificate and the authorities a peer's must chain to.</param>
    /// <param name="handshakeTimeout">How long an accepted connection may take to complete TLS.</param>
    public TlsTransport(IDistributionTransport inner, DistributionTls tls, TimeSpan handshakeTimeout)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(tls);
        _inner = inner;
        _tls = tls;
        _handshakeTimeout = handshakeTimeout;
    }

    /// <inheritdoc />
    public bool NeedsAddresses => _inner.NeedsAddresses;

    /// <inheritdoc />
    public async ValueTask<IDistributionListener> ListenAsync(string localNode, EndPoint endpoint, CancellationToken cancellationToken)
    {
        var inner = await _inner.ListenAsync(localNode, endpoint, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return new Listener(this, inner);
    }

    /// <inheritdoc />
    public async ValueTask<TransportConnection> ConnectAsync(string localNode, string remoteNode, EndPoint? endpoint, CancellationToken cancellationToken)
    {
        var connection = await _inner.ConnectAsync(localNode, remoteNode, endpoint, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        var ssl = new SslStream(new DuplexPipeStream(connection.Transport), leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = TargetHost,
                    ClientCertificates = [_tls.Certificate],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors),
                },
                cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await ssl.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            await connection.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            throw new IOException($"TLS with {remoteNode} failed: {ex.Message}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            await connection.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            throw;
        }

        return new StreamConnection(ssl, connection.RemoteEndPoint, connection);
    }

    async Task<TransportConnection?> AuthenticateAsync(TransportConnection connection, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(new DuplexPipeStream(connection.Transport), leaveInnerStreamOpen: false);
        using var timeout = SimulationContext.CancelAfter(_handshakeTimeout, cancellationToken);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _tls.Certificate,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors),
                },
                timeout.Token).ConfigureAwait(SimulationContext.Capture);
            return new StreamConnection(ssl, connection.RemoteEndPoint, connection);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await ssl.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            await connection.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            return null;
        }
    }

    /// <summary>
    /// A peer's certificate must be present and chain to one of the trusted roots (or the system's
    /// store when none are given). Host names are not checked: a node's identity is its name, proven
    /// by the cookie in the handshake; the certificate proves the peer is one of ours.
    /// </summary>
    bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (_tls.TrustedRoots.Count == 0)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_tls.TrustedRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var peer = new X509Certificate2(certificate);
        return chain.Build(peer);
    }

    sealed class Listener : IDistributionListener
    {
        readonly TlsTransport _owner;
        readonly IDistributionListener _inner;
        readonly Channel<TransportConnection> _ready = Channel.CreateUnbounded<TransportConnection>();
        readonly CancellationTokenSource _closing = new();

        public Listener(TlsTransport owner, IDistributionListener inner)
        {
            _owner = owner;
            _inner = inner;
            _ = AcceptLoopAsync();
        }

        public EndPoint LocalEndPoint => _inner.LocalEndPoint;

        public async ValueTask<TransportConnection?> AcceptAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        async Task AcceptLoopAsync()
        {
            try
            {
                while (await _inner.AcceptAsync(_closing.Token).ConfigureAwait(SimulationContext.Capture) is { } raw)
                {
                    _ = AuthenticateOneAsync(raw);
                }
            }
            catch (OperationCanceledException)
            {
                // Closed.
            }

            _ready.Writer.TryComplete();
        }

        async Task AuthenticateOneAsync(TransportConnection raw)
        {
            if (await _owner.AuthenticateAsync(raw, _closing.Token).ConfigureAwait(SimulationContext.Capture) is { } secured
                && !_ready.Writer.TryWrite(secured))
            {
                await secured.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _closing.Cancel();
            _ready.Writer.TryComplete();
            await _inner.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }
    }
}
