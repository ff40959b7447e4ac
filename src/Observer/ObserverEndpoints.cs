using Microsoft.AspNetCore.Builder;

namespace Typed.Observer;

/// <summary>
/// The observer's endpoints as <see cref="ObserverEndpointRouteBuilderExtensions.MapTypedObserver(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, ObserverOptions?)"/>
/// mapped them: the access token its actions need, and the group's conventions (add your own
/// authorization with <c>RequireAuthorization()</c>, say).
/// </summary>
public sealed class ObserverEndpoints : IEndpointConventionBuilder
{
    readonly IEndpointConventionBuilder _group;

    internal ObserverEndpoints(IEndpointConventionBuilder group, string pattern, string accessToken)
    {
        _group = group;
        Pattern = pattern;
        AccessToken = accessToken;
    }

    /// <summary>Where the pages are, as mapped (<c>/observer</c>, say).</summary>
    public string Pattern { get; }

    /// <summary>The token actions need: the one in <see cref="ObserverOptions.AccessToken"/>, or the one generated for this mapping.</summary>
    public string AccessToken { get; }

    /// <inheritdoc />
    public void Add(Action<EndpointBuilder> convention) => _group.Add(convention);

    /// <inheritdoc />
    public void Finally(Action<EndpointBuilder> finallyConvention) => _group.Finally(finallyConvention);
}
