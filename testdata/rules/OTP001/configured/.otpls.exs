[rules: [OTP001: [min_concerns: 2]]]
