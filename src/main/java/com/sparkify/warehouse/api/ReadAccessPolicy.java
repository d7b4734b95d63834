package com.sparkify.warehouse.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.sparkify.warehouse.config.ApiSettings;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may read ({@code @AuthorizationPolicy(name = ReadAccessPolicy.NAME)} on every read): anyone, or
 * only callers with the token when {@code sparkify.api.protect-reads} is on. A setting read at run time,
 * which a fixed annotation such as {@code @PermitAll} could not follow.
 */
@ApplicationScoped
public class ReadAccessPolicy implements HttpSecurityPolicy {

    public static final String NAME = "reads";

    private final ApiSettings settings;

    public ReadAccessPolicy(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        if (!settings.protectReads()) {
            return CheckResult.permit();
        }
        return identity.map(caller -> caller.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
    }

    @Override
    public String name() {
        return NAME;
    }
}
