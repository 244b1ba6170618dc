[rules: [OTP003: [extra: ["MyApp.Http.get"], ignore: ["Process.sleep"]]]]
