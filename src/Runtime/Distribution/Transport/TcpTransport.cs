using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Typed.Distribution.Transport;

/// <summary>The carrier (Erlang's <c>inet_tcp_dist</c> / <c>inet_tls_dist</c>): a TCP stream, wrapped in TLS when configured.</summary>
internal static class TcpTransport
{
    const string TargetHost = "typed-node";

    public static async Task<Stream> ConnectAsync(IPEndPoint endpoint, DistributionTls? tls, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is null)
            {
                return stream;
            }

            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = TargetHost,
                    ClientCertificates = [tls.Certificate],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(tls, certificate, errors),
                },
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<Stream> AcceptAsync(Socket socket, DistributionTls? tls, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        if (tls is null)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = tls.Certificate,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(tls, certificate, errors),
                },
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A peer's certificate must be present and chain to one of the trusted roots (or the system's
    /// store when none are given). Host names are not checked: a node's identity is its name, proven
    /// by the cookie in the handshake; the certificate proves the peer is one of ours.
    /// </summary>
    static bool Validate(DistributionTls tls, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (tls.TrustedRoots.Count == 0)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(tls.TrustedRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var peer = new X509Certificate2(certificate);
        return chain.Build(peer);
    }
}
