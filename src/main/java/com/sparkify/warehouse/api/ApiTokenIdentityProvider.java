package com.sparkify.warehouse.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns the API token into an identity: one caller ({@value #PRINCIPAL}) with one role ({@value #ROLE}).
 * Any other token fails authentication, which {@link ProblemMappers} answers with a 401 problem.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String PRINCIPAL = "api-client";
    static final String ROLE = "api";

    private final ApiToken token;

    public ApiTokenIdentityProvider(ApiToken token) {
        this.token = token;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!token.matches(request.getToken().getToken())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the bearer token is not valid"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(PRINCIPAL))
                .addRole(ROLE)
                .build());
    }
}
