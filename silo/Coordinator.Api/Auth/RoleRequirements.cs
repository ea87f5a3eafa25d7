using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coordinator.Api.Auth;

/// <summary>Requires one of the API's policies (a role, or <see cref="ApiRoles.ReadPolicy"/>) and names the roles for the 403 document.</summary>
public static class RoleRequirements
{
    public static RouteHandlerBuilder RequireRoles(this RouteHandlerBuilder builder, string policy) =>
        builder.RequireAuthorization(policy).WithMetadata(new RequiredRoles(policy == ApiRoles.ReadPolicy ? ApiRoles.All : [policy]));
}
