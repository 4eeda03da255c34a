package org.sanctuarycity.workflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service, the one user store of the
 * system. Failed attempts are slowed down per client and account by {@link LoginThrottle}, which never locks
 * an account. Authorities are the user's group ids.
 *
 * <p>A successful check is remembered for a few seconds (app.security.credential-cache-seconds):
 * HTTP Basic sends the password with every call, and checking it plus looking up the groups cost two
 * database transactions per call. Only a salted digest of the password is kept, in memory; a failed
 * attempt for a user drops what is remembered for them, so the password is checked again on the next call. A password change, lock-out or group change therefore takes effect within that time.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final Duration cacheFor;
  private final Clock clock;
  private final byte[] salt = new byte[32];
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  private record Remembered(byte[] digest, List<SimpleGrantedAuthority> groups, Instant until) {}

  private final LoginThrottle throttle;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService,
      @Value("${app.security.credential-cache-seconds:30}") long cacheSeconds, Clock clock, LoginThrottle throttle) {
    this.identityService = identityService;
    this.throttle = throttle;
    this.cacheFor = Duration.ofSeconds(Math.max(0, cacheSeconds));
    this.clock = clock;
    new SecureRandom().nextBytes(salt);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (user == null || credentials == null) {
      throw new BadCredentialsException("Bad credentials");
    }
    String client = authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
        ? web.getRemoteAddress() : "unknown";
    Duration wait = throttle.waitFor(client, user);
    if (!wait.isZero()) {
      throw new LoginThrottle.Throttled(wait);
    }
    byte[] digest = digest(user, credentials.toString());
    Remembered known = remembered.get(user);
    if (known != null && known.until().isAfter(clock.instant()) && MessageDigest.isEqual(known.digest(), digest)) {
      return UsernamePasswordAuthenticationToken.authenticated(user, null, known.groups());
    }
    remembered.remove(user);
    if (!identityService.checkPassword(user, credentials.toString())) {
      throttle.failed(client, user);
      throw new BadCredentialsException("Bad credentials");
    }
    throttle.succeeded(client, user);
    List<SimpleGrantedAuthority> groups = groupsOf(identityService, user).stream()
        .map(SimpleGrantedAuthority::new).toList();
    if (!cacheFor.isZero()) {
      remembered.put(user, new Remembered(digest, groups, clock.instant().plus(cacheFor)));
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  private byte[] digest(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> groupsOf(IdentityService identityService, String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
