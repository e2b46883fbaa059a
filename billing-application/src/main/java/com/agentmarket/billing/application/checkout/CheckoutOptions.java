package com.agentmarket.billing.application.checkout;

/**
 * What checkout offers besides the plan ({@code BILLING_TRIAL_DAYS}, {@code BILLING_ALLOW_PROMOTION_CODES},
 * {@code BILLING_AUTOMATIC_TAX}); plan changes and their previews follow the same tax setting.
 *
 * @param trialDays trial days of a customer's first paid subscription (0: none); never a second trial
 * @param allowPromotionCodes whether Stripe's checkout page takes promotion codes
 * @param automaticTax whether Stripe Tax computes tax (the customer's billing address and tax id are collected)
 */
public record CheckoutOptions(int trialDays, boolean allowPromotionCodes, boolean automaticTax) {

    /** Stripe's longest trial. */
    public static final int MAX_TRIAL_DAYS = 730;

    public CheckoutOptions {
        if (trialDays < 0 || trialDays > MAX_TRIAL_DAYS) {
            throw new IllegalArgumentException("trial days lie between 0 and " + MAX_TRIAL_DAYS + ": " + trialDays);
        }
    }
}
