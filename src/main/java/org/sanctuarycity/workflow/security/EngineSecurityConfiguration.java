package org.sanctuarycity.workflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.sanctuarycity.workflow.platform.EngineRestErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.context.annotation.Configuration;

/** Security checks that live inside the engine's command chain, where every entrance passes them. */
@Configuration(proxyBeanMethods = false)
public class EngineSecurityConfiguration {

  @Bean
  AbstractProcessEnginePlugin engineGuardsPlugin(ObjectProvider<ProcessVariableContract> declared) {
    // Built on first use: the modules' contract beans may not exist yet while the engine is configured.
    Supplier<VariableContracts> contracts = new Supplier<>() {
      private volatile VariableContracts built;

      @Override
      public VariableContracts get() {
        if (built == null) {
          built = new VariableContracts(declared.orderedStream().toList());
        }
        return built;
      }
    };
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
        // After the engine built its own history handler (and the platform's filters around it in preInit).
        configuration.setHistoryEventHandler(new VariableContractGuard(configuration.getHistoryEventHandler(),
            contracts));
      }

      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Outermost, so it sees the refusal that ended a command, even one raised at commit.
        List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        pre.add(0, new EngineRestErrors.Capture());
        configuration.setCustomPreCommandInterceptorsTxRequired(pre);
        // The engine hands it the allowed lists from its settings when it starts.
        configuration.setDeserializationTypeValidator(new StrictDeserializationTypeValidator());
        configuration.setCustomPostCommandInterceptorsTxRequired(
            with(configuration.getCustomPostCommandInterceptorsTxRequired(), new QueryExpressionGuard(),
                new SystemJobGuard()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(
            with(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new QueryExpressionGuard(),
                new SystemJobGuard()));
      }
    };
  }

  /** What the REST layer itself finds wrong in a client's input (before any command) is a 400, not a 500. */
  @Bean
  org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer engineRestInputErrors() {
    return config -> config.register(EngineRestErrors.InputErrorMapper.class);
  }

  /** Engine REST refusals answered as problems (400/409/413) instead of 500. */
  @Bean
  FilterRegistrationBean<EngineRestErrors.Filter> engineRestErrors(ObjectMapper json) {
    FilterRegistrationBean<EngineRestErrors.Filter> registration = new FilterRegistrationBean<>(new EngineRestErrors.Filter(json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    return registration;
  }

  /** Request bodies over the limit get 413 at every entrance, the engine's own upload included. */
  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ObjectMapper json,
      @Value("${app.security.max-request-size:1MB}") DataSize maxBody,
      @Value("${app.security.max-deployment-size:5MB}") DataSize maxDeployment) {
    FilterRegistrationBean<RequestSizeLimit> registration =
        new FilterRegistrationBean<>(new RequestSizeLimit(json, maxBody, maxDeployment));
    // Before Spring Security and every servlet: nothing of an oversized request is read.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/*");
    return registration;
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor... added) {
    List<CommandInterceptor> all = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    all.addAll(List.of(added));
    return all;
  }
}
